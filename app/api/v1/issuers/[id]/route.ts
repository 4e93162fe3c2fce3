import { deleteIssuer } from "@/lib/catalog/issuers/delete-issuer";
import { getIssuer } from "@/lib/catalog/issuers/get-issuer";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { defineRoute, etagFor } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { ZIssuerUpdateInput } from "@/lib/schemas/issuer";

export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  handler: async ({ params, json }) => {
    const issuer = await getIssuer({ id: params.id });
    return json(issuer, { headers: { ETag: etagFor(issuer.version) } });
  },
});

export const PATCH = defineRoute({
  role: "operator",
  params: ZIdParams,
  body: ZIssuerUpdateInput,
  requireIfMatch: true,
  handler: async ({ actor, requestId, params, body, ifMatch, json }) => {
    const issuer = await updateIssuer({
      actor,
      requestId,
      id: params.id,
      expectedVersion: ifMatch ?? 0,
      input: body,
    });
    return json(issuer, { headers: { ETag: etagFor(issuer.version) } });
  },
});

export const DELETE = defineRoute({
  role: "operator",
  params: ZIdParams,
  requireIfMatch: true,
  handler: async ({ actor, requestId, params, ifMatch, noContent }) => {
    await deleteIssuer({ actor, requestId, id: params.id, expectedVersion: ifMatch ?? 0 });
    return noContent();
  },
});
