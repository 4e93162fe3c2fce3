import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { listIssuers } from "@/lib/catalog/issuers/list-issuers";
import { defineRoute, etagFor } from "@/lib/http/route";
import { toListBody } from "@/lib/pagination";
import { ZIssuerCreateInput, ZIssuerListQuery } from "@/lib/schemas/issuer";

export const GET = defineRoute({
  role: "viewer",
  query: ZIssuerListQuery,
  handler: async ({ query, json }) => json(toListBody(await listIssuers({ query }))),
});

export const POST = defineRoute({
  role: "operator",
  body: ZIssuerCreateInput,
  handler: async ({ actor, requestId, body, json }) => {
    const issuer = await createIssuer({ actor, requestId, input: body });
    return json(issuer, {
      status: 201,
      headers: { ETag: etagFor(issuer.version), Location: `/api/v1/issuers/${issuer.id}` },
    });
  },
});
