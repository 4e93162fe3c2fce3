import { ZExchangeRequest } from "@/lib/exchange/exchange-schemas";
import { tryExchange } from "@/lib/exchange/try-exchange";
import { defineRoute } from "@/lib/http/route";

// The token travels only in this POST body, never in a URL (SECURITY.md 3.5).
// 200 whatever the cloud answered: a refusal is the result, not an error.
export const POST = defineRoute({
  role: "operator",
  body: ZExchangeRequest,
  maxBodyBytes: 32 * 1024,
  handler: async ({ actor, requestId, body, json }) =>
    json(await tryExchange({ actor, requestId, token: body.token, bindingId: body.bindingId })),
});
