import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { ZExchangeAttempt, ZExchangeRequest } from "@/lib/exchange/exchange-schemas";
import { operation } from "@/lib/http/openapi-operations";
import { ZPageQuery } from "@/lib/pagination";
import { ZIdParams } from "@/lib/schemas/common";

// Try exchange: the real token exchange for one binding, and its history.

export const exchangePaths: ZodOpenApiPathsObject = {
  "/exchange": {
    post: operation({
      summary:
        "Exchange a token with a binding's cloud for real (server-side) and set the answer beside Fedlens's prediction. The credential obtained is discarded at once: only who it was for, its expiry and a fingerprint are returned. 429 with Retry-After past 10 per minute per caller, or while an exchange for the binding is running.",
      role: "operator",
      body: ZExchangeRequest,
      response: ZExchangeAttempt,
    }),
  },
  "/bindings/{id}/exchanges": {
    get: operation({
      summary: "A binding's exchange attempts, newest first",
      role: "viewer",
      path: ZIdParams,
      query: ZPageQuery,
      response: z.object({
        data: z.array(ZExchangeAttempt),
        meta: z.object({ nextCursor: z.string().nullable() }),
      }),
    }),
  },
};
