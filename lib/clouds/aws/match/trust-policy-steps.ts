import { isUndecided, undecidedAnswer } from "@/lib/clouds/aws/cloud-errors";
import type { NormalisedAwsBinding } from "@/lib/clouds/aws/evaluator-binding";
import { claimActionsOf } from "@/lib/clouds/aws/match/claim-actions";
import { policyVerdict, type PolicyVerdict } from "@/lib/clouds/aws/match/policy-check";
import type { ConditionContext } from "@/lib/clouds/aws/match/conditions";
import type { ResolvedProvider } from "@/lib/clouds/aws/match/provider";
import { readPolicy, type ReadPolicy } from "@/lib/clouds/aws/match/statements";
import { fail, shorten, type Step } from "@/lib/clouds/aws/match/step";
import { assumeRoleWithWebIdentity } from "@/lib/clouds/aws/trust-statement";

// The trust-policy checks of one exchange. STS authorises
// sts:AssumeRoleWithWebIdentity and, for a token carrying session tags or a
// source identity, sts:TagSession or sts:SetSourceIdentity as well
// (claim-actions.ts; IAM User Guide "Pass session tags in AWS STS",
// "Monitor and control actions taken with assumed roles").

export type TrustPolicyVerdict = { steps: Step[]; broad?: { reason: string } };

type Reading = "accept" | "refuse" | "undecided";

function stepsFor(
  statements: ReadPolicy,
  version: string | undefined,
  resolved: ResolvedProvider,
  claims: Record<string, unknown>,
  at: Date,
  note?: string,
): TrustPolicyVerdict {
  const context: ConditionContext = { providerKey: resolved.providerKey, claims, at };
  if (version) context.version = version;
  const assume: PolicyVerdict = policyVerdict(
    statements,
    resolved,
    assumeRoleWithWebIdentity,
    context,
    note,
  );
  const steps = [assume.step];
  for (const entry of claimActionsOf(claims)) {
    steps.push(policyVerdict(statements, resolved, entry.action, context, entry.hint).step);
  }
  return assume.broad ? { steps, broad: assume.broad } : { steps };
}

/** Every action allowed: accept; any definite refusal: refuse; otherwise STS's answer is unknown. */
function readingOf(verdict: TrustPolicyVerdict): Reading {
  const failed = verdict.steps.filter((step) => !step.check.ok);
  if (failed.length === 0) return "accept";
  return failed.some((step) => !isUndecided(step.error)) ? "refuse" : "undecided";
}

const readingText: Record<Reading, string> = {
  accept: "STS would accept this token",
  refuse: "STS would refuse it",
  undecided: "Fedlens cannot tell what STS would answer",
};

/** The binding's policy, and the one IAM would keep if it kept the first of repeated keys. */
export type ReadPolicies = { last: ReadPolicy; first?: ReadPolicy };

/** The policies a prepared binding keeps for every token it judges. */
export function readPolicies(binding: NormalisedAwsBinding): ReadPolicies {
  const last = readPolicy(binding.statements);
  return binding.firstKept ? { last, first: readPolicy(binding.firstKept.statements) } : { last };
}

export function trustPolicySteps(
  binding: NormalisedAwsBinding,
  policies: ReadPolicies,
  resolved: ResolvedProvider,
  claims: Record<string, unknown>,
  at: Date,
): TrustPolicyVerdict {
  const keys = binding.duplicateKeys.length
    ? binding.duplicateKeys.map((path) => shorten(path, 80)).join(", ")
    : "";
  const note = keys
    ? // CLOUDS.md 2.5, 5.4; alphagov/govuk-infrastructure#879
      `The policy text repeats ${keys}; IAM silently keeps only one of each, so the others are lost — check that no condition was (alphagov/govuk-infrastructure#879).`
    : undefined;
  const last = stepsFor(policies.last, binding.version, resolved, claims, at, note);
  const first = binding.firstKept;
  if (!first) return last;
  const other = stepsFor(
    policies.first ?? readPolicy(first.statements),
    first.version,
    resolved,
    claims,
    at,
    note,
  );
  const [lastReading, firstReading] = [readingOf(last), readingOf(other)];
  // Both readings agree, or both leave the answer open: the last one's steps say why.
  if (lastReading === firstReading) return last;
  // CLOUDS.md 2.5 says only that IAM "silently keeps only one": which one it
  // keeps is undocumented, so readings that differ give no verdict. Neither
  // AccessDenied nor acceptance may be claimed: the code is Fedlens's own.
  return {
    steps: [
      fail(
        {
          check: "condition",
          expected: "a trust policy without repeated keys",
          actual: `repeated: ${keys}`,
          message: `The verdict depends on which repeated key IAM keeps: keeping the last of each, ${readingText[lastReading]}; keeping the first, ${readingText[firstReading]}.`,
          // CLOUDS.md 2.5, 5.4
          hint: `Remove the duplicate ${keys} so the policy says one thing, then evaluate again.`,
          source: "CLOUDS.md 2.5 (duplicate JSON keys; alphagov/govuk-infrastructure#879)",
        },
        undecidedAnswer("the answer depends on which of the policy's repeated keys IAM keeps"),
      ),
    ],
  };
}
