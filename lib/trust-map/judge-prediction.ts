import {
  isUndecided,
  type CheckName,
  type CloudError,
  type Evaluation,
} from "@/lib/federation/types";
import {
  absentRead,
  clearClaimReads,
  newClaimReads,
  trackClaims,
  unknownRead,
  withPlaceholder,
} from "@/lib/trust-map/claim-reads";
import type { ClaimPath, PredictedToken } from "@/lib/trust-map/predicted-token";

// One binding's verdict on one predicted token. A verdict that would change
// if an unknown claim were present is "undecided" (DESIGN.md "Effective
// trust"): the claims the evaluation read are noted, and each unknown one
// read is put back with a placeholder value; if the answer (accepted, or
// the refusing check and error) moves, the verdict depended on it.

export type Verdict = "accepted" | "refused" | "undecided";

export type Judgement = {
  verdict: Verdict;
  /** The check that refused (or left it open), in the evaluator's words. */
  failingCheck?: { check: CheckName; message: string };
  cloudError?: CloudError;
  /** Unknown claims the verdict depends on, as dotted names. */
  dependsOn?: string[];
  broad?: string;
  caveats?: string[];
};

export type Judge = (claims: Record<string, unknown>) => Evaluation;

const placeholder = "\u2063unknown-to-fedlens";

// Checks on what a partial token does carry (iss, sub, aud) or on the
// binding itself: a refusal there does not rest on the claims left out.
const knownChecks: ReadonlySet<CheckName> = new Set<CheckName>([
  "issuer",
  "provider",
  "audience",
  "subject",
  "target",
]);

/** What the cloud would answer, as a comparable string. */
function answerOf(evaluation: Evaluation): string {
  if (evaluation.accepted) return "accepted";
  const failing = evaluation.checks.find((check) => !check.ok);
  const error = evaluation.cloudError;
  // `actual` too: a refusal may word an absent claim and a wrong value alike.
  const actual = JSON.stringify(failing?.actual) ?? "";
  return `${failing?.check}\n${failing?.message}\n${actual}\n${error?.code}\n${error?.message}`;
}

// Built by assignment, not by spreading optional parts: one judgement per
// token judged, 100k+ in a large map.
function judgementOf(evaluation: Evaluation): Judgement {
  const judgement: Judgement = {
    verdict: evaluation.accepted
      ? "accepted"
      : isUndecided(evaluation.cloudError)
        ? "undecided"
        : "refused",
  };
  const failing = evaluation.accepted ? undefined : evaluation.checks.find((check) => !check.ok);
  if (failing) judgement.failingCheck = { check: failing.check, message: failing.message };
  if (evaluation.cloudError) judgement.cloudError = evaluation.cloudError;
  if (evaluation.broad) judgement.broad = evaluation.broad.reason;
  if (evaluation.caveats?.length) judgement.caveats = evaluation.caveats;
  return judgement;
}

function dependsOn(
  judge: Judge,
  claims: Record<string, unknown>,
  evaluation: Evaluation,
  candidates: readonly ClaimPath[],
): readonly ClaimPath[] {
  if (candidates.length === 0) return [];
  const answer = answerOf(evaluation);
  const all = candidates.reduce((next, path) => withPlaceholder(next, path, placeholder), claims);
  if (answerOf(judge(all)) === answer) return [];
  if (candidates.length === 1) return candidates;
  return candidates.filter(
    (path) => answerOf(judge(withPlaceholder(claims, path, placeholder))) !== answer,
  );
}

// What the evaluation being judged read: one record, emptied for each token
// judged (judgements never nest, and nothing keeps it once one returns).
const reads = newClaimReads();

/** The binding's verdict on the token, undecided when it rests on a claim Fedlens does not know. */
export function judgePrediction(
  judge: Judge,
  token: PredictedToken,
  claims: Record<string, unknown>,
): Judgement {
  clearClaimReads(reads);
  const evaluation = judge(trackClaims(claims, reads));
  const judgement = judgementOf(evaluation);
  if (judgement.verdict === "undecided") return judgement;
  if (token.partial && reads.listed) {
    // Every claim was listed, so which ones mattered cannot be told apart:
    // an acceptance, or a refusal on what the token does carry, is certain.
    const check = judgement.failingCheck?.check;
    if (judgement.verdict === "accepted" || (check && knownChecks.has(check))) return judgement;
    return {
      ...judgement,
      verdict: "undecided",
      dependsOn: ["claims this issuer's tokens may carry"],
    };
  }
  const candidates = token.partial
    ? absentRead(reads, claims)
    : reads.listed
      ? token.unknownClaims
      : unknownRead(reads, token.unknownClaims);
  const found = dependsOn(judge, claims, evaluation, candidates);
  if (found.length === 0) return judgement;
  return { ...judgement, verdict: "undecided", dependsOn: found.map((path) => path.join(".")) };
}
