import { getUser } from "@/lib/auth/users/get-user";
import { updateUser } from "@/lib/auth/users/update-user";
import { defineRoute, etagFor } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { ZUserUpdateInput } from "@/lib/schemas/user";

export const GET = defineRoute({
  role: "admin",
  params: ZIdParams,
  handler: async ({ params, json }) => {
    const user = await getUser({ id: params.id });
    return json(user, { headers: { ETag: etagFor(user.version) } });
  },
});

export const PATCH = defineRoute({
  role: "admin",
  params: ZIdParams,
  body: ZUserUpdateInput,
  requireIfMatch: true,
  handler: async ({ actor, requestId, params, body, ifMatch, json }) => {
    const user = await updateUser({
      actor,
      requestId,
      id: params.id,
      expectedVersion: ifMatch ?? 0,
      input: body,
    });
    return json(user, { headers: { ETag: etagFor(user.version) } });
  },
});
