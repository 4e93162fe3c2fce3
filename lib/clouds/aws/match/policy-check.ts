import { notAuthorized } from "@/lib/clouds/aws/cloud-errors";
import type { NormalisedAwsBinding } from "@/lib/clouds/aws/evaluator-binding";
import { broadReason } from "@/lib/clouds/aws/match/broad";
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
  type StatementOutcome,
} from "@/lib/clouds/aws/match/statements";
import { fail, pass, shorten, type Step } from "@/lib/clouds/aws/match/step";
import { assumeRoleWithWebIdentity } from "@/lib/clouds/aws/trust-statement";

// CLOUDS.md 2.3 step 5 and 2.6 (IAM evaluation logic): an explicit Deny in
// any statement that applies wins; otherwise any Allow that applies grants;
// otherwise the request is implicitly denied. STS's answer never says which
// condition failed (configure-aws-credentials#743), so the check names the
// statement and the condition that decided.

const source =
  "CLOUDS.md 2.3 step 5, 2.4–2.6 (IAM evaluation logic, condition operators, configure-aws-credentials#318)";

function joinHints(...hints: (string | undefined)[]): string | undefined {
  const text = hints.filter(Boolean).join(" ");
  return text || undefined;
}

function duplicatesNote(binding: NormalisedAwsBinding): string | undefined {
  if (binding.duplicateKeys.length === 0) return undefined;
  const keys = binding.duplicateKeys.map((path) => shorten(path, 80)).join(", ");
  return `The policy text repeats ${keys}; IAM keeps only the last of each, so the earlier ones are ignored — check that no condition was lost (CLOUDS.md 2.5, 5.4; alphagov/govuk-infrastructure#879).`;
}

function summary(outcome: StatementOutcome): string {
  return outcome.conditions.length
    ? outcome.conditions.map(describeCondition).join("; ")
    : "no condition";
}

function denied(deny: StatementOutcome, allow: StatementOutcome | undefined, note?: string): Step {
  const hint = joinHints(allow ? `Without it, ${allow.label} would allow.` : undefined, note);
  return fail(
    {
      check: "condition",
      expected: "no Deny statement applies",
      actual: `${deny.label}: ${summary(deny)}`,
      message: `${deny.label} denies ${assumeRoleWithWebIdentity} for this token; an explicit Deny wins over every Allow.`,
      ...(hint ? { hint } : {}),
      source,
    },
    notAuthorized(),
  );
}

function nearMiss(
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
      hint: `Principal.Federated must name the provider STS found for the token's iss, ${shorten(resolved.principalId)}${close ? `; ${close}` : ""} (CLOUDS.md 2.3, 2.8).`,
    };
  }
  if (!nearest.action.ok) {
    return {
      expected: assumeRoleWithWebIdentity,
      actual: nearest.action.names.join(", ") || "(no action)",
      failing: "Action",
      hint: `The statement's Action must include ${assumeRoleWithWebIdentity} (or a wildcard covering it).`,
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

export function trustPolicyStep(
  binding: NormalisedAwsBinding,
  resolved: ResolvedProvider,
  claims: Record<string, unknown>,
  at: Date,
): PolicyVerdict {
  const outcomes = evaluateStatements(
    binding.statements,
    resolved.principalId,
    resolved.providerKey,
    claims,
    at,
  );
  const duplicates = duplicatesNote(binding);
  const allow = outcomes.find((outcome) => outcome.effect === "Allow" && outcome.applies);
  const deny = outcomes.find((outcome) => outcome.effect === "Deny" && outcome.applies);
  if (deny) return { step: denied(deny, allow, duplicates) };
  if (allow) {
    const reasons = outcomes
      .filter((outcome) => outcome.effect === "Allow" && outcome.applies)
      .map((outcome) => broadReason(outcome, resolved.provider.url, resolved.providerKey))
      .filter((reason): reason is string => reason !== undefined);
    const sub = allow.conditions.find((result) => result.key.toLowerCase().endsWith(":sub"));
    const shown = sub ?? allow.conditions[0];
    const hint = joinHints(reasons[0], ...vacuousNotes(allow.conditions), duplicates);
    return {
      step: pass({
        check: "condition",
        ...(shown ? comparedValues(shown) : {}),
        message: `${allow.label} allows ${assumeRoleWithWebIdentity}: ${summary(allow)}.`,
        ...(hint ? { hint } : {}),
        source,
      }),
      ...(reasons[0] ? { broad: { reason: reasons[0] } } : {}),
    };
  }
  const nearest = nearestAllow(outcomes);
  if (!nearest) {
    return {
      step: fail(
        {
          check: "condition",
          expected: `an Allow statement for ${assumeRoleWithWebIdentity}`,
          actual: "(none)",
          message: `The trust policy has no Allow statement, so STS denies implicitly.`,
          ...(duplicates ? { hint: duplicates } : {}),
          source,
        },
        notAuthorized(),
      ),
    };
  }
  const miss = nearMiss(nearest, resolved, claims);
  return {
    step: fail(
      {
        check: "condition",
        expected: miss.expected,
        actual: miss.actual,
        message: `No statement allows ${assumeRoleWithWebIdentity} for this token; the nearest, ${nearest.label}, fails on ${miss.failing}.`,
        hint: joinHints(
          `No statement allows: the nearest is ${nearest.label}, failing on ${miss.failing}.`,
          miss.hint,
          duplicates,
        ),
        source,
      },
      notAuthorized(),
    ),
  };
}
