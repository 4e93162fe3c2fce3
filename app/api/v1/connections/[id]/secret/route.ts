import { connectionBodyBytes } from "@/lib/connections/connection-limits";
import { replaceConnectionSecret } from "@/lib/connections/replace-connection-secret";
import { defineRoute, etagFor } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { ZConnectionSecretInput } from "@/lib/schemas/connection";

export const PUT = defineRoute({
  role: "admin",
  params: ZIdParams,
  body: ZConnectionSecretInput,
  maxBodyBytes: connectionBodyBytes,
  handler: async ({ actor, requestId, params, body, json }) => {
    const connection = await replaceConnectionSecret({
      actor,
      requestId,
      id: params.id,
      input: body,
    });
    return json(connection, { headers: { ETag: etagFor(connection.version) } });
  },
});
