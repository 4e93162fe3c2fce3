import "server-only";
import { assertRole } from "@/lib/auth/assert-role";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import type { AdapterConnection, CatalogTargetRef, CloudError } from "@/lib/clouds/adapter-types";
import type { CloudExchanger, ExchangeOutcome } from "@/lib/clouds/exchange-types";
import { cloudExchanger } from "@/lib/clouds/exchangers";
import type { Cloud } from "@/lib/clouds/types";
import { openConnection } from "@/lib/connections/open-connection";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { loadBindingsById } from "@/lib/diagnose/load-catalogue-bindings";
import { readToken } from "@/lib/diagnose/read-token";
import { AppError } from "@/lib/errors";
import { exchangeAttemptDto } from "@/lib/exchange/exchange-attempt-dto";
import { startAttempt } from "@/lib/exchange/exchange-lease";
import { assertExchangeAllowed } from "@/lib/exchange/exchange-rate-limit";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";
import { compareWithPrediction, type BindingHistory } from "@/lib/exchange/compare-outcome";
import { predictExchange } from "@/lib/exchange/predict-exchange";
import { SecretValue } from "@/lib/secrets/secret-value";
import { unusableConnection } from "@/lib/sync/drift/unusable-connection";

// "Try exchange" (POST /api/v1/exchange, the binding page, the diagnosis,
// `fedlens exchange`): the real token exchange for one binding, beside the
// evaluator's prediction. The token is held as a SecretValue and reaches
// only the cloud's exchanger; the credential never leaves the exchanger. What
// is kept: the token's SHA-256 and a few claims, the outcome, the agreement.

const defaultTimeoutMs = 30_000;

const json = (value: unknown) => (value ?? null) as Prisma.InputJsonValue;

function keptClaims(claims: Record<string, unknown>) {
  const { iss, sub, aud, exp, iat } = claims;
  return { iss, sub, aud, exp, iat };
}

/** A cloud error that quotes the pasted token gets the quote removed (the exchangers should never let it through). */
function withoutToken(outcome: ExchangeOutcome, token: string): ExchangeOutcome {
  if (outcome.ok || !JSON.stringify(outcome).includes(token)) return outcome;
  const strip = (text: string) => text.split(token).join("[token]");
  const error: CloudError = {
    ...outcome.error,
    message: strip(outcome.error.message),
    cause: strip(outcome.error.cause),
    fix: strip(outcome.error.fix),
  };
  return { ...outcome, error };
}

async function bindingFacts(bindingId: string) {
  const db = getDb();
  const [row, lastApply] = await Promise.all([
    db.binding.findUnique({
      where: { id: bindingId },
      select: {
        updatedAt: true,
        syncState: true,
        syncCheckedAt: true,
        target: { select: { id: true, externalId: true, connectionId: true } },
      },
    }),
    db.syncOperation.findFirst({
      where: { bindingId, status: "applied" },
      orderBy: { updatedAt: "desc" },
      select: { updatedAt: true },
    }),
  ]);
  if (!row) return null;
  const written = [row.updatedAt, lastApply?.updatedAt].filter((at): at is Date => !!at);
  const history: BindingHistory = {
    lastWrittenAt: written.length ? new Date(Math.max(...written.map((at) => at.getTime()))) : null,
    syncState: row.syncState === "in_sync" ? "in-sync" : row.syncState,
    syncCheckedAt: row.syncCheckedAt,
  };
  return { target: row.target, history };
}

async function exchangeThrough(
  exchanger: CloudExchanger,
  connectionId: string | null,
  request: Omit<Parameters<CloudExchanger["exchange"]>[0], "connection">,
  timeoutMs: number,
): Promise<ExchangeOutcome> {
  let connection: AdapterConnection | null = null;
  if (connectionId) {
    try {
      connection = await openConnection(getDb(), connectionId);
    } catch (error) {
      if (error instanceof Error && error.name.startsWith("PrismaClient")) throw error;
      return { ok: false, error: unusableConnection(error), steps: [] };
    }
  }
  // Not every SDK gives up when the signal fires (the Azure one may not):
  // the answer is awaited no longer than the timeout either way, so an
  // exchange never outlives the lease that keeps it alone on its binding.
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ExchangeOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, error: exchangeTimeout(timeoutMs), steps: [] });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      exchanger.exchange({ ...request, connection }, { signal: controller.signal }),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const exchangeTimeout = (timeoutMs: number): CloudError => ({
  kind: "network",
  code: "FedlensTimeout",
  message: `The cloud did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
  cause: "The cloud's token service, or the network to it, did not answer in time.",
  fix: "Try again; if it keeps timing out, check the connection's endpoints and the network path to the cloud.",
});

export async function tryExchange(
  caller: MutationCaller & {
    token: string;
    bindingId: string;
    exchangerFor?: (cloud: Cloud) => CloudExchanger | null;
    now?: () => Date;
    /** How long the cloud's answer is awaited (30 s). */
    timeoutMs?: number;
  },
): Promise<TExchangeAttempt> {
  assertRole(caller.actor, "operator");
  await assertExchangeAllowed(caller.actor);
  const now = caller.now ?? (() => new Date());
  const token = readToken(caller.token);
  const db = getDb();
  const [binding] = await loadBindingsById(db, [caller.bindingId]);
  const facts = binding && (await bindingFacts(binding.id));
  if (!binding || !facts) throw new AppError("not_found", { message: "No binding with this id." });
  const exchanger = (caller.exchangerFor ?? cloudExchanger)(binding.cloud);
  if (!exchanger) {
    throw new AppError("conflict", {
      message: "Trying an exchange is not available for this cloud yet.",
    });
  }
  const startedAt = now();
  const prediction = await predictExchange(db, {
    actor: caller.actor,
    token,
    binding,
    at: startedAt,
  });
  const attemptId = await startAttempt(db, {
    bindingId: binding.id,
    targetId: facts.target.id,
    cloud: binding.cloud,
    tokenSha256: token.sha256,
    claims: json(keptClaims(token.claims)),
    prediction: json(prediction),
    actorId: caller.actor.userId,
    actorLabel: caller.actor.label,
    startedAt,
  });
  try {
    const ref: CatalogTargetRef = {
      kind: binding.context.target.kind,
      config: binding.context.target.config,
      externalId: facts.target.externalId,
      bindings: [{ name: binding.name, spec: binding.context.spec }],
    };
    const clock = performance.now();
    const outcome = withoutToken(
      await exchangeThrough(
        exchanger,
        facts.target.connectionId,
        {
          token: new SecretValue(token.text),
          target: ref,
          binding: { name: binding.name, spec: binding.context.spec },
        },
        caller.timeoutMs ?? defaultTimeoutMs,
      ),
      token.text,
    );
    const durationMs = Math.round(performance.now() - clock);
    const comparison = compareWithPrediction({
      prediction,
      outcome,
      cloud: binding.cloud,
      history: facts.history,
      now: now(),
    });
    return await auditedMutation(
      caller,
      { action: "binding.exchange", role: "operator" },
      async (tx) => {
        // Only the attempt this call still holds (one taken over as abandoned stays so).
        const finished = await tx.exchangeAttempt.updateMany({
          where: { id: attemptId, status: "running" },
          data: {
            status: outcome.ok ? "succeeded" : "failed",
            identity: outcome.ok ? outcome.identity : null,
            expiresAt: outcome.ok ? new Date(outcome.expiresAt) : null,
            grants: outcome.ok ? json(outcome.grants) : undefined,
            fingerprint: outcome.ok ? outcome.fingerprint : null,
            cloudCode: outcome.ok ? null : outcome.error.code,
            error: outcome.ok ? undefined : json(outcome.error),
            steps: json(outcome.steps),
            agreement: comparison.agreement,
            reasons: json(comparison.reasons),
            durationMs,
            finishedAt: now(),
          },
        });
        if (finished.count === 0) {
          throw new AppError("conflict", {
            message: "This exchange took too long and was given up; try again.",
          });
        }
        const row = await tx.exchangeAttempt.findUniqueOrThrow({ where: { id: attemptId } });
        return {
          entityId: binding.id,
          after: {
            attempt: row.id,
            tokenSha256: token.sha256,
            outcome: row.status,
            identity: row.identity,
            fingerprint: row.fingerprint,
            cloudCode: row.cloudCode,
            agreement: comparison.agreement,
          },
          result: exchangeAttemptDto(row),
        };
      },
    );
  } finally {
    // Whatever went wrong above, the binding is free for the next attempt.
    await db.exchangeAttempt.updateMany({
      where: { id: attemptId, status: "running" },
      data: { status: "abandoned", finishedAt: now() },
    });
  }
}
