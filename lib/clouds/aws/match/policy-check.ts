import { notAuthorized, undecidedAnswer } from "@/lib/clouds/aws/cloud-errors";
import { broadReason } from "@/lib/clouds/aws/match/broad";
import type { ConditionContext, ConditionResult } from "@/lib/clouds/aws/match/conditions";
import {
  comparedValues,
  conditionHint,
  describeCondition,
  vacuousNotes,
} from "@/lib/clouds/aws/match/condition-hints";
import { textNearMiss } from "@/lib/clouds/aws/match/near-miss";
import type { ResolvedProvider } from "@/lib/clouds/aws/match/provider";
import {
  evaluateStatements,
  nearestAllow,
  statementSummary,
  type ReadPolicy,
  type StatementOutcome,
} from "@/lib/clouds/aws/match/statements";
import { fail, pass, shorten, type Step } from "@/lib/clouds/aws/match/step";
import type { Check } from "@/lib/federation/types";

// CLOUDS.md 2.3 step 5 and 2.6 (IAM evaluation logic): an explicit Deny in
// any statement that applies wins; otherwise any Allow that applies grants;
// otherwise the request is implicitly denied. STS's answer never says which
// condition failed (configure-aws-credentials#743), so the check names the
// statement and the condition that decided.

const source =
  "CLOUDS.md 2.3 step 5, 2.4–2.6 (IAM evaluation logic, condition operators, configure-aws-credentials#318)";

function joinHints(...hints: (string | undefined)[]): string | undefined {
  let text = "";
  for (const hint of hints) if (hint) text = text ? `${text} ${hint}` : hint;
  return text || undefined;
}

function denied(
  action: string,
  deny: StatementOutcome,
  allow: StatementOutcome | undefined,
  note?: string,
): Step {
  const hint = joinHints(allow ? `Without it, ${allow.label} would allow.` : undefined, note);
  return fail(
    {
      check: "condition",
      expected: "no Deny statement applies",
      actual: `${deny.label}: ${statementSummary(deny)}`,
      message: `${deny.label} denies ${action} for this token; an explicit Deny wins over every Allow.`,
      ...(hint ? { hint } : {}),
      source,
    },
    notAuthorized(action),
  );
}

// A statement that may apply, depending on a key STS takes from the request
// (sts:RoleSessionName, aws:SourceVpce…): STS knows its value and whether it
// is there, Fedlens does not, so "accepted" could be a false accept and
// AccessDenied a false refusal. The code is Fedlens's own (cloud-errors.ts).
function undecided(action: string, outcome: StatementOutcome, note?: string): Step {
  const first = outcome.undecided[0] as ConditionResult;
  const key = shorten(first.undecided?.key ?? first.key, 70);
  const why = first.undecided?.note;
  const verb = outcome.effect === "Deny" ? "denies" : "allows";
  return fail(
    {
      check: "condition",
      expected: describeCondition(first),
      actual: `${key}: (set by the request, not known${first.lookup.mayBeAbsent && first.undecided?.key === first.key ? "; may be absent" : ""})`,
      message: `The verdict depends on ${key}, which STS takes from the request and Fedlens cannot know${why ? ` (${why})` : ""}: ${outcome.label} ${verb} ${action} only if ${describeCondition(first)} holds.`,
      hint: joinHints(
        // CLOUDS.md 2.2, 2.4
        `Fedlens's exchange request has no field for ${key}, so supply the value yourself: check what your caller sends (for sts:RoleSessionName, its RoleSessionName; for aws:SourceIp and the VPC keys, whether it calls STS through a VPC endpoint) against this condition, or test a token claim instead.`,
        note,
      ),
      source,
    },
    undecidedAnswer(`the answer depends on ${key}, which STS takes from the request`),
  );
}

function nearMiss(
  action: string,
  nearest: StatementOutcome,
  resolved: ResolvedProvider,
  claims: Record<string, unknown>,
): { expected: string; actual: string; failing: string; hint?: string } {
  if (!nearest.principal.ok) {
    const actual = nearest.principal.names.join(", ") || "(no Federated principal)";
    const close = nearest.principal.names
      .map((name) =>
        textNearMiss(resolved.principalId, name, {
          expected: "the provider ARN",
          actual: `the statement's ${shorten(name, 80)}`,
        }),
      )
      .find(Boolean);
    return {
      expected: resolved.principalId,
      actual,
      failing: "Principal.Federated",
      // CLOUDS.md 2.3, 2.8
      hint: `Principal.Federated must name the provider STS found for the token's iss, ${shorten(resolved.principalId)}${close ? `; ${close}` : ""}.`,
    };
  }
  if (!nearest.action.ok) {
    return {
      expected: action,
      actual: nearest.action.names.join(", ") || "(no action)",
      failing: "Action",
      hint: `The statement's Action must include ${action} (or a wildcard covering it).`,
    };
  }
  const failed = nearest.conditions.filter((result) => !result.ok);
  const first = failed[0];
  if (!first) return { expected: "", actual: "", failing: "nothing" };
  const { expected, actual } = comparedValues(first);
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more condition(s))` : "";
  return {
    expected,
    actual,
    failing: `${describeCondition(first)}${more}`,
    hint: conditionHint(first, claims, resolved.providerKey),
  };
}

export type PolicyVerdict = { step: Step; broad?: { reason: string } };

/** The first allowing statement's reason to call the trust broad; broadReason reads no claim. */
function firstBroadReason(
  outcomes: StatementOutcome[],
  resolved: ResolvedProvider,
): string | undefined {
  for (const outcome of outcomes) {
    if (outcome.effect !== "Allow" || !outcome.applies) continue;
    const reason = broadReason(outcome, resolved);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function allowed(
  action: string,
  outcomes: StatementOutcome[],
  allow: StatementOutcome,
  resolved: ResolvedProvider,
  note: string | undefined,
): PolicyVerdict {
  const reason = firstBroadReason(outcomes, resolved);
  const sub = allow.conditions.find((result) => result.lowerKey.endsWith(":sub"));
  const shown = sub ?? allow.conditions[0];
  const compared = shown ? comparedValues(shown) : undefined;
  const message = `${allow.label} allows ${action}: ${statementSummary(allow)}.`;
  // Built in the order every check is written: check, expected, actual, message, hint, source.
  const fields: Omit<Check, "ok"> = compared
    ? { check: "condition", expected: compared.expected, actual: compared.actual, message }
    : { check: "condition", message };
  const hint = joinHints(reason, ...vacuousNotes(allow.conditions), note);
  if (hint) fields.hint = hint;
  fields.source = source;
  const step = pass(fields);
  return reason ? { step, broad: { reason } } : { step };
}

/** What the trust policy decides for `action` (CLOUDS.md 2.6); `note` is added to every hint. */
export function policyVerdict(
  policy: ReadPolicy,
  resolved: ResolvedProvider,
  action: string,
  context: ConditionContext,
  note?: string,
): PolicyVerdict {
  const outcomes = evaluateStatements(policy, resolved.principalId, action, context);
  const { claims } = context;
  // The first of each kind, as IAM's logic asks for them.
  let allow: StatementOutcome | undefined;
  let deny: StatementOutcome | undefined;
  let maybeAllow: StatementOutcome | undefined;
  let maybeDeny: StatementOutcome | undefined;
  for (const outcome of outcomes) {
    if (outcome.effect === "Allow") {
      if (outcome.applies) allow ??= outcome;
      if (outcome.undecided.length) maybeAllow ??= outcome;
    } else {
      if (outcome.applies) deny ??= outcome;
      if (outcome.undecided.length) maybeDeny ??= outcome;
    }
  }
  if (deny) return { step: denied(action, deny, allow, note) };
  if (allow && maybeDeny) return { step: undecided(action, maybeDeny, note) };
  if (!allow && maybeAllow) return { step: undecided(action, maybeAllow, note) };
  if (allow) return allowed(action, outcomes, allow, resolved, note);
  const nearest = nearestAllow(outcomes);
  if (!nearest) {
    return {
      step: fail(
        {
          check: "condition",
          expected: `an Allow statement for ${action}`,
          actual: "(none)",
          message: `The trust policy has no Allow statement, so STS denies implicitly.`,
          ...(note ? { hint: note } : {}),
          source,
        },
        notAuthorized(action),
      ),
    };
  }
  const miss = nearMiss(action, nearest, resolved, claims);
  return {
    step: fail(
      {
        check: "condition",
        expected: miss.expected,
        actual: miss.actual,
        message: `No statement allows ${action} for this token; the nearest, ${nearest.label}, fails on ${miss.failing}.`,
        hint: joinHints(
          `No statement allows: the nearest is ${nearest.label}, failing on ${miss.failing}.`,
          miss.hint,
          note,
        ),
        source,
      },
      notAuthorized(action),
    ),
  };
}
