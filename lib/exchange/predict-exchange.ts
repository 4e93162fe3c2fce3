import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { checkSignature } from "@/lib/diagnose/check-signature";
import { evaluateCatalogue } from "@/lib/diagnose/evaluate-catalogue";
import { findIssuerCandidates } from "@/lib/diagnose/issuer-candidates";
import type { LoadedBinding } from "@/lib/diagnose/load-catalogue-bindings";
import type { ReadToken } from "@/lib/diagnose/read-token";
import type { DbOrTx } from "@/lib/db/client";
import type { TExchangePrediction } from "@/lib/exchange/exchange-schemas";
import { isUndecided } from "@/lib/federation/types";

// What the evaluator says this binding's cloud will answer for the token:
// the same signature check and cloud rules a diagnosis uses, for one binding.

export async function predictExchange(
  db: DbOrTx,
  {
    actor,
    token,
    binding,
    at,
  }: { actor: Actor; token: ReadToken; binding: LoadedBinding; at: Date },
): Promise<TExchangePrediction> {
  const iss = typeof token.claims.iss === "string" ? token.claims.iss : "";
  const { exact } = await findIssuerCandidates(db, iss);
  const signature = await checkSignature(token.text, token.header, iss, exact, actor);
  const [result] = evaluateCatalogue([binding], {
    iss,
    token: {
      header: token.header,
      claims: token.claims,
      signature: signature.status,
      signatureReason: signature.message,
    },
    at,
  });
  const evaluation = result!.evaluation;
  const failing = evaluation.checks.find((check) => !check.ok);
  return {
    accepted: evaluation.accepted,
    undecided: isUndecided(evaluation.cloudError),
    signature: signature.status,
    failingCheck: failing ? { check: failing.check, message: failing.message } : null,
    cloudCode: evaluation.cloudError?.code ?? null,
  };
}
