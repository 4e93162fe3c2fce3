import { z } from "zod";
import { ZDriftError } from "@/lib/schemas/drift";

// POST /api/v1/exchange and the history of a binding's exchanges.

/** A JWT is a few kilobytes; 16 KiB leaves room for fat claims and refuses pastes of whole files. */
export const maxTokenLength = 16 * 1024;

export const ZExchangeRequest = z
  .object({
    token: z.string().min(1, "paste a token").max(maxTokenLength, "a token is at most 16 KiB"),
    bindingId: z.string().uuid("not a binding id"),
  })
  .strict();

export type TExchangeRequest = z.infer<typeof ZExchangeRequest>;

export const ZExchangePrediction = z.object({
  accepted: z.boolean(),
  /** The evaluator cannot tell (the verdict rests on something the cloud does not document). */
  undecided: z.boolean(),
  signature: z.enum(["valid", "invalid", "unverifiable", "skipped"]),
  /** The first failing check's id and message, when refused. */
  failingCheck: z.object({ check: z.string(), message: z.string() }).nullable(),
  /** The error code the evaluator predicts the cloud answers with. */
  cloudCode: z.string().nullable(),
});

export const ZExchangeAttempt = z.object({
  id: z.string().uuid(),
  bindingId: z.string().uuid(),
  targetId: z.string().uuid(),
  cloud: z.enum(["azure", "aws", "gcp"]),
  status: z.enum(["running", "succeeded", "failed", "abandoned"]),
  tokenSha256: z.string(),
  claims: z.record(z.string(), z.unknown()),
  prediction: ZExchangePrediction,
  identity: z.string().nullable(),
  expiresAt: z.string().nullable(),
  grants: z.array(z.string()).nullable(),
  fingerprint: z.string().nullable(),
  error: ZDriftError.nullable(),
  steps: z
    .array(
      z.object({ call: z.string(), outcome: z.enum(["ok", "failed"]), durationMs: z.number() }),
    )
    .nullable(),
  agreement: z.enum(["agree", "disagree"]).nullable(),
  reasons: z.array(z.string()).nullable(),
  durationMs: z.number().int().nullable(),
  actorLabel: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export type TExchangePrediction = z.infer<typeof ZExchangePrediction>;
export type TExchangeAttempt = z.infer<typeof ZExchangeAttempt>;
