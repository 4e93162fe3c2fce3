import { connectionBodyBytes } from "@/lib/connections/connection-limits";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { getConnection } from "@/lib/connections/get-connection";
import { updateConnection } from "@/lib/connections/update-connection";
import { defineRoute, etagFor } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { ZConnectionUpdateInput } from "@/lib/schemas/connection";

export const GET = defineRoute({
  role: "admin",
  params: ZIdParams,
  handler: async ({ actor, params, json }) => {
    const connection = await getConnection({ actor, id: params.id });
    return json(connection, { headers: { ETag: etagFor(connection.version) } });
  },
});

export const PATCH = defineRoute({
  role: "admin",
  params: ZIdParams,
  body: ZConnectionUpdateInput,
  maxBodyBytes: connectionBodyBytes,
  requireIfMatch: true,
  handler: async ({ actor, requestId, params, body, ifMatch, json }) => {
    const connection = await updateConnection({
      actor,
      requestId,
      id: params.id,
      expectedVersion: ifMatch ?? 0,
      input: body,
    });
    return json(connection, { headers: { ETag: etagFor(connection.version) } });
  },
});

export const DELETE = defineRoute({
  role: "admin",
  params: ZIdParams,
  requireIfMatch: true,
  handler: async ({ actor, requestId, params, ifMatch, noContent }) => {
    await deleteConnection({ actor, requestId, id: params.id, expectedVersion: ifMatch ?? 0 });
    return noContent();
  },
});
