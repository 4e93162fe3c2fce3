import { createUser } from "@/lib/auth/users/create-user";
import { listUsers } from "@/lib/auth/users/list-users";
import { defineRoute, etagFor } from "@/lib/http/route";
import { toListBody } from "@/lib/pagination";
import { ZUserCreateInput, ZUserListQuery } from "@/lib/schemas/user";

export const GET = defineRoute({
  role: "admin",
  query: ZUserListQuery,
  handler: async ({ query, json }) => json(toListBody(await listUsers({ query }))),
});

export const POST = defineRoute({
  role: "admin",
  body: ZUserCreateInput,
  handler: async ({ actor, requestId, body, json }) => {
    const user = await createUser({ actor, requestId, input: body });
    return json(user, {
      status: 201,
      headers: { ETag: etagFor(user.version), Location: `/api/v1/users/${user.id}` },
    });
  },
});
