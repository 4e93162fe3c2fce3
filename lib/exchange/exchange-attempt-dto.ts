import type { ExchangeAttempt } from "@/lib/db/generated/client";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";

// A stored attempt as the API, the pages and the CLI show it. The JSON
// columns hold what tryExchange wrote in these shapes.

export function exchangeAttemptDto(row: ExchangeAttempt): TExchangeAttempt {
  return {
    id: row.id,
    bindingId: row.bindingId,
    targetId: row.targetId,
    cloud: row.cloud,
    status: row.status,
    tokenSha256: row.tokenSha256,
    claims: row.claims as TExchangeAttempt["claims"],
    prediction: row.prediction as TExchangeAttempt["prediction"],
    identity: row.identity,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    grants: row.grants as TExchangeAttempt["grants"],
    fingerprint: row.fingerprint,
    error: row.error as TExchangeAttempt["error"],
    steps: row.steps as TExchangeAttempt["steps"],
    agreement: row.agreement as TExchangeAttempt["agreement"],
    reasons: row.reasons as TExchangeAttempt["reasons"],
    durationMs: row.durationMs,
    actorLabel: row.actorLabel,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
