import { testConnection } from "@/lib/connections/test-connection";
import { defineRoute, etagFor } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";

/** Calls the cloud: a failure there is a result (200 with lastTest.ok false), not an error. */
export const POST = defineRoute({
  role: "admin",
  params: ZIdParams,
  handler: async ({ actor, requestId, params, json }) => {
    const connection = await testConnection({ actor, requestId, id: params.id });
    return json(connection, { headers: { ETag: etagFor(connection.version) } });
  },
});
