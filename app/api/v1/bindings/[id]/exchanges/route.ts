import { listExchangeAttempts } from "@/lib/exchange/list-exchange-attempts";
import { defineRoute } from "@/lib/http/route";
import { toListBody, ZPageQuery } from "@/lib/pagination";
import { ZIdParams } from "@/lib/schemas/common";

export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  query: ZPageQuery,
  handler: async ({ actor, params, query, json }) =>
    json(
      toListBody(
        await listExchangeAttempts({
          actor,
          bindingId: params.id,
          cursor: query.cursor,
          limit: query.limit,
        }),
      ),
    ),
});
