import { createConnection } from "@/lib/connections/create-connection";
import { listConnections } from "@/lib/connections/list-connections";
import { connectionBodyBytes } from "@/lib/connections/connection-limits";
import { defineRoute, etagFor } from "@/lib/http/route";
import { ZConnectionCreateInput, ZConnectionListQuery } from "@/lib/schemas/connection";

export const GET = defineRoute({
  role: "admin",
  query: ZConnectionListQuery,
  handler: async ({ actor, query, json }) =>
    json({ data: await listConnections({ actor, query }), meta: { nextCursor: null } }),
});

export const POST = defineRoute({
  role: "admin",
  body: ZConnectionCreateInput,
  maxBodyBytes: connectionBodyBytes,
  handler: async ({ actor, requestId, body, json }) => {
    const connection = await createConnection({ actor, requestId, input: body });
    return json(connection, {
      status: 201,
      headers: {
        ETag: etagFor(connection.version),
        Location: `/api/v1/connections/${connection.id}`,
      },
    });
  },
});
