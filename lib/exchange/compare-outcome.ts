import type { ExchangeOutcome } from "@/lib/clouds/exchange-types";
import type { Cloud } from "@/lib/clouds/types";
import type { TExchangePrediction } from "@/lib/exchange/exchange-schemas";

// The cloud's real answer beside the evaluator's prediction. When they
// differ, the likely reasons, most likely first, in the operator's terms:
// only what Fedlens knows about this binding is offered as a reason.

export type BindingHistory = {
  /** When the trust was last written by Fedlens or edited in the catalogue. */
  lastWrittenAt: Date | null;
  syncState: string;
  /** The last drift check of the binding, if any. */
  syncCheckedAt: Date | null;
};

export type Comparison = { agreement: "agree" | "disagree"; reasons: string[] };

/** Clouds apply a new trust after a delay (CLOUDS.md 1.7 for Entra; IAM is eventually consistent). */
const propagationWindowMs = 10 * 60 * 1000;
const staleCheckMs = 60 * 60 * 1000;

const minutesAgo = (at: Date, now: Date) =>
  Math.max(0, Math.round((now.getTime() - at.getTime()) / 60_000));

function driftReason(history: BindingHistory, now: Date): string | null {
  if (history.syncState === "drifted" || history.syncState === "missing") {
    return "The last drift check found the cloud's trust different from the catalogue: the cloud decides by what it holds.";
  }
  if (!history.syncCheckedAt) {
    return "Fedlens has never compared this trust with the cloud: it may differ from the catalogue (check drift on the target).";
  }
  if (now.getTime() - history.syncCheckedAt.getTime() > staleCheckMs) {
    return `The trust may have changed in the cloud since the last drift check, ${minutesAgo(history.syncCheckedAt, now)} minutes ago.`;
  }
  return null;
}

const policyReason: Record<Cloud, string> = {
  azure:
    "A tenant policy can refuse a token the credential matches: Conditional Access for workload identities, a disabled service principal, or federation restricted for this issuer.",
  aws: "An organisation policy (SCP) or a condition Fedlens does not model can refuse the session even when the trust matches.",
  gcp: "An organisation policy restricting workload identity pools or providers, or a disabled pool, can refuse the token even when the provider matches.",
};

export function compareWithPrediction({
  prediction,
  outcome,
  cloud,
  history,
  now,
}: {
  prediction: TExchangePrediction;
  outcome: ExchangeOutcome;
  cloud: Cloud;
  history: BindingHistory;
  now: Date;
}): Comparison {
  if (prediction.undecided) {
    return {
      agreement: "agree",
      reasons: ["Fedlens could not predict this answer; the cloud's is the one to trust."],
    };
  }
  if (prediction.accepted === outcome.ok) return { agreement: "agree", reasons: [] };
  const reasons: string[] = [];
  if (!outcome.ok) {
    if (
      history.lastWrittenAt &&
      now.getTime() - history.lastWrittenAt.getTime() < propagationWindowMs
    ) {
      reasons.push(
        `The trust was written ${minutesAgo(history.lastWrittenAt, now)} minutes ago; the cloud can take a few minutes to apply a new trust. Try again shortly.`,
      );
    }
    const drift = driftReason(history, now);
    if (drift) reasons.push(drift);
    reasons.push(policyReason[cloud]);
    return { agreement: "disagree", reasons };
  }
  const drift = driftReason(history, now);
  if (drift) reasons.push(drift);
  reasons.push(
    "The cloud accepted a token Fedlens predicted it would refuse: Fedlens's rule for this check may be stricter than the cloud's; the cloud's answer is the one that counts.",
  );
  return { agreement: "disagree", reasons };
}
