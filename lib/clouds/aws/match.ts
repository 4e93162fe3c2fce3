import { isUndecided, notAuthorized } from "@/lib/clouds/aws/cloud-errors";
import type { NormalisedAwsBinding } from "@/lib/clouds/aws/evaluator-binding";
import { textNearMiss } from "@/lib/clouds/aws/match/near-miss";
import { resolveProvider } from "@/lib/clouds/aws/match/provider";
import { fail, pass, type Step } from "@/lib/clouds/aws/match/step";
import { timeSteps } from "@/lib/clouds/aws/match/time-checks";
import { algorithmStep, audienceSteps, signatureStep } from "@/lib/clouds/aws/match/token-checks";
import {
  readPolicies,
  trustPolicySteps,
  type ReadPolicies,
} from "@/lib/clouds/aws/match/trust-policy-steps";
import {
  evaluationFrom,
  type Check,
  type CloudError,
  type EvaluateInput,
  type Evaluation,
} from "@/lib/federation/types";

// Would STS's AssumeRoleWithWebIdentity accept this token for this role?
// Pure and synchronous. Checks run in STS's order (CLOUDS.md 2.3, order of
// steps 2–4 inferred): the role asked for, the IAM OIDC provider for iss,
// algorithm and signature, aud present and in the ClientIDList, exp (then
// nbf and iat, unconfirmed), then the trust policy (and sts:TagSession or
// sts:SetSourceIdentity when the token's claims ask for them). Every check is
// evaluated, so later problems show too; the first failure is STS's answer.

function targetStep(requested: string, binding: NormalisedAwsBinding): Step {
  const source = "CLOUDS.md 2.2, 2.8 (AssumeRoleWithWebIdentity RoleArn)";
  if (requested === binding.roleArn) {
    return pass({
      check: "target",
      expected: binding.roleArn,
      actual: requested,
      message: "The request asks for this binding's role.",
      source,
    });
  }
  const near = textNearMiss(binding.roleArn, requested, {
    expected: "this binding's role ARN",
    actual: "the requested ARN",
  });
  return fail(
    {
      check: "target",
      expected: binding.roleArn,
      actual: requested,
      message:
        "The request asks for another role; STS evaluates that role's trust policy, not this one.",
      hint: near
        ? `Near miss: ${near}${near.includes("case") ? "; IAM role names are unique regardless of case, but whether STS resolves a differently cased ARN is undocumented" : ""}.`
        : "A role that does not exist answers the same AccessDenied as a trust that does not match.",
      source,
    },
    notAuthorized(),
  );
}

export function evaluateAws(input: EvaluateInput<NormalisedAwsBinding>): Evaluation {
  return evaluateAwsBinding(input, input.binding);
}

/** evaluateAws for a binding already normalised, and its policies as a prepared binding keeps them. */
export function evaluateAwsBinding(
  { token, request, at }: Omit<EvaluateInput<unknown>, "binding">,
  binding: NormalisedAwsBinding,
  policies: ReadPolicies = readPolicies(binding),
): Evaluation {
  const steps: Step[] = [];
  const requestedRole = request?.aws?.roleArn;
  if (requestedRole !== undefined) steps.push(targetStep(requestedRole, binding));
  const resolved = resolveProvider(token.claims.iss, binding);
  steps.push(resolved.step, algorithmStep(token), signatureStep(token));
  for (const step of audienceSteps(token.claims, resolved)) steps.push(step);
  for (const step of timeSteps(token.claims, at)) steps.push(step);
  const policy = trustPolicySteps(binding, policies, resolved, token.claims, at);
  for (const step of policy.steps) steps.push(step);
  const checks = steps.map((step) => step.check);
  return evaluationFrom(checks, (failed) => refusalOf(steps, failed), policy.broad);
}

// STS refuses if any check definitely fails, so an undecided check
// (FedlensUndecided) gives STS's answer only when no other check refuses.
function refusalOf(steps: Step[], failed: Check): CloudError {
  const own = errorOf(steps, failed) ?? notAuthorized();
  if (!isUndecided(own)) return own;
  const definite = steps.find((step) => !step.check.ok && !isUndecided(step.error))?.error;
  return definite ?? own;
}

/** The error of the step whose check failed; asked only of a refusal, so no index is built. */
function errorOf(steps: Step[], failed: unknown): CloudError | undefined {
  for (let index = steps.length - 1; index >= 0; index -= 1) {
    if (steps[index]?.check === failed) return steps[index]?.error;
  }
  return undefined;
}
