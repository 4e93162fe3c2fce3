import { revokeApiToken } from "@/lib/auth/tokens/revoke-api-token";
import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";

// Revocation is a DELETE: the row stays, marked revoked, for the audit trail.
export const DELETE = defineRoute({
  role: "admin",
  params: ZIdParams,
  handler: async ({ actor, requestId, params, json }) =>
    json(await revokeApiToken({ actor, requestId, id: params.id })),
});
