import { createApiToken } from "@/lib/auth/tokens/create-api-token";
import { listApiTokens } from "@/lib/auth/tokens/list-api-tokens";
import { defineRoute } from "@/lib/http/route";
import { toListBody } from "@/lib/pagination";
import { ZApiTokenCreateInput, ZApiTokenListQuery } from "@/lib/schemas/api-token";

export const GET = defineRoute({
  role: "admin",
  query: ZApiTokenListQuery,
  handler: async ({ query, json }) => json(toListBody(await listApiTokens({ query }))),
});

export const POST = defineRoute({
  role: "admin",
  body: ZApiTokenCreateInput,
  handler: async ({ actor, requestId, body, json }) =>
    json(await createApiToken({ actor, requestId, input: body }), { status: 201 }),
});
