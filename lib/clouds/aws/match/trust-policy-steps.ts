import { notAuthorized } from "@/lib/clouds/aws/cloud-errors";
import type { NormalisedAwsBinding } from "@/lib/clouds/aws/evaluator-binding";
import { policyVerdict, type PolicyVerdict } from "@/lib/clouds/aws/match/policy-check";
import type { ResolvedProvider } from "@/lib/clouds/aws/match/provider";
import {
  passesSessionTags,
  sessionTagsClaim,
  tagSession,
} from "@/lib/clouds/aws/match/session-tags";
import { fail, shorten, type Step } from "@/lib/clouds/aws/match/step";
import { assumeRoleWithWebIdentity } from "@/lib/clouds/aws/trust-statement";

// The trust-policy checks of one exchange. STS authorises
// sts:AssumeRoleWithWebIdentity, and, when the token passes session tags,
// sts:TagSession as well: "The AssumeRole operation fails for any role
// connected to an IdP passing session tags without this permission" (IAM
// User Guide "Pass session tags in AWS STS").

const tagsHint = `The token carries the ${sessionTagsClaim} claim, so it asks STS to tag the session; the trust policy must then also allow ${tagSession} for this provider, with any aws:RequestTag/aws:TagKeys conditions holding (IAM User Guide "Pass session tags in AWS STS"). Add ${tagSession} to the statement's Action, or stop the IdP from sending the claim.`;

export type TrustPolicyVerdict = { steps: Step[]; broad?: { reason: string } };

function stepsFor(
  statements: unknown[],
  version: string | undefined,
  resolved: ResolvedProvider,
  claims: Record<string, unknown>,
  at: Date,
  note?: string,
): TrustPolicyVerdict {
  const context = {
    providerKey: resolved.providerKey,
    claims,
    at,
    ...(version ? { version } : {}),
  };
  const assume: PolicyVerdict = policyVerdict(
    statements,
    resolved,
    assumeRoleWithWebIdentity,
    context,
    note,
  );
  const broad = assume.broad ? { broad: assume.broad } : {};
  if (!passesSessionTags(claims)) return { steps: [assume.step], ...broad };
  const tag = policyVerdict(statements, resolved, tagSession, context, tagsHint);
  return { steps: [assume.step, tag.step], ...broad };
}

function accepts(verdict: TrustPolicyVerdict): boolean {
  return verdict.steps.every((step) => step.check.ok);
}

export function trustPolicySteps(
  binding: NormalisedAwsBinding,
  resolved: ResolvedProvider,
  claims: Record<string, unknown>,
  at: Date,
): TrustPolicyVerdict {
  const keys = binding.duplicateKeys.map((path) => shorten(path, 80)).join(", ");
  const note = keys
    ? `The policy text repeats ${keys}; IAM silently keeps only one of each, so the others are lost — check that no condition was (CLOUDS.md 2.5, 5.4; alphagov/govuk-infrastructure#879).`
    : undefined;
  const last = stepsFor(binding.statements, binding.version, resolved, claims, at, note);
  const first = binding.firstKept;
  if (!first) return last;
  const other = stepsFor(first.statements, first.version, resolved, claims, at, note);
  if (accepts(last) === accepts(other)) return last;
  // CLOUDS.md 2.5 says only that IAM "silently keeps only one": which one it
  // keeps is undocumented, so a verdict that flips with the choice is no verdict.
  const verdict = (accepted: boolean) => (accepted ? "accept" : "refuse");
  return {
    steps: [
      fail(
        {
          check: "condition",
          expected: "a trust policy without repeated keys",
          actual: `repeated: ${keys}`,
          message: `The verdict depends on which repeated key IAM keeps: keeping the last of each, STS would ${verdict(accepts(last))} this token; keeping the first, it would ${verdict(accepts(other))} it.`,
          hint: `Remove the duplicate ${keys} so the policy says one thing, then evaluate again (CLOUDS.md 2.5, 5.4).`,
          source: "CLOUDS.md 2.5 (duplicate JSON keys; alphagov/govuk-infrastructure#879)",
        },
        notAuthorized(),
      ),
    ],
  };
}
