import { celReferences } from "@/lib/clouds/gcp/cel";
import { invalidSubjectToken } from "@/lib/clouds/gcp/cloud-errors";
import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { checkAudience } from "@/lib/clouds/gcp/match/audience";
import { checkCondition } from "@/lib/clouds/gcp/match/condition";
import { mapAttributes } from "@/lib/clouds/gcp/match/mapping";
import type { Outcome } from "@/lib/clouds/gcp/match/outcome";
import { checkPrincipal } from "@/lib/clouds/gcp/match/principal";
import { checkProviderEnabled, checkStsAudience } from "@/lib/clouds/gcp/match/target";
import {
  checkAlgorithm,
  checkIssuer,
  checkSignature,
  checkSubjectClaim,
  checkTimes,
} from "@/lib/clouds/gcp/match/token-checks";
import { multiTenantIssuer } from "@/lib/clouds/gcp/multi-tenant-issuers";
import {
  evaluationFrom,
  type Check,
  type CloudError,
  type EvaluateInput,
  type Evaluation,
} from "@/lib/federation/types";

// Would Google accept this token for this provider (and service account)?
// Checks run in the order the exchange meets them (CLOUDS.md 3.6-3.8):
//  1. STS reads its `audience` parameter and finds the provider
//     (invalid_request / invalid_target; a disabled pool or provider →
//     invalid_target).
//  2. The subject token: alg/kid, iss, signature, iat, lifetime, expiry, sub
//     (CLOUDS.md 3.5; the order within is inferred), then aud (3.2).
//  3. The attribute mapping in CEL, google.subject ≤ 127 bytes (3.3).
//  4. The attribute condition in CEL (3.4).
//  5. When a service account is asked for, generateAccessToken's IAM check
//     of the principal or principalSet (3.7).
// Every check runs so that later problems show too; the first failure is the
// answer Google would give.

function broadReason(
  binding: NormalisedGcpBinding,
  poolWideMember: string | undefined,
): { reason: string } | undefined {
  if (poolWideMember) {
    return {
      // CLOUDS.md 5.5
      reason: `${poolWideMember} grants the whole pool access to ${binding.serviceAccountIamPolicy?.serviceAccount ?? "the service account"}: every identity the provider admits can impersonate it.`,
    };
  }
  const shared = multiTenantIssuer(binding.issuerUri);
  if (!shared) return undefined;
  const roots = binding.attributeCondition ? celReferences(binding.attributeCondition)?.roots : [];
  const readsClaims = roots?.some((root) => root === "assertion" || root === "attribute");
  if (!readsClaims) {
    return {
      // CLOUDS.md 3.4, 5.5
      reason: `The provider trusts ${shared.label}, an issuer shared by ${shared.sharedBy}, with no attribute condition on the token's claims: ${shared.anyTenant} can obtain a federated token.`,
    };
  }
  return undefined;
}

export function evaluateGcp(input: EvaluateInput<NormalisedGcpBinding>): Evaluation {
  return evaluateGcpBinding(input.binding, input);
}

/** evaluateGcp for a binding prepared once: the input is read, not copied with it. */
export function evaluateGcpBinding(
  binding: NormalisedGcpBinding,
  input: Omit<EvaluateInput<unknown>, "binding">,
): Evaluation {
  const { token, request, at } = input;
  const outcomes: Outcome[] = [
    checkStsAudience(binding, request),
    checkProviderEnabled(binding),
    checkAlgorithm(token),
    checkIssuer(token, binding),
    checkSignature(token),
  ];
  for (const outcome of checkTimes(token, at)) outcomes.push(outcome);
  outcomes.push(checkSubjectClaim(token), checkAudience(token, binding));
  const { outcome: mapping, mapped } = mapAttributes(binding.attributeMapping, token.claims);
  outcomes.push(mapping, checkCondition(binding.attributeCondition, token.claims, mapped));
  const principal = checkPrincipal(binding, mapped, request);
  outcomes.push(principal.outcome);

  const checks = outcomes.map((outcome) => outcome.check);
  return evaluationFrom(
    checks,
    (failedCheck) => errorOf(outcomes, failedCheck),
    broadReason(binding, principal.poolWideMember),
  );
}

/** The failed check's error: its outcome's, the last if two share the check (as a Map filled in order gives). */
function errorOf(outcomes: readonly Outcome[], failedCheck: Check): CloudError {
  for (let index = outcomes.length - 1; index >= 0; index -= 1) {
    const outcome = outcomes[index];
    if (outcome?.check === failedCheck && outcome.error) return outcome.error;
  }
  return invalidSubjectToken(failedCheck.message);
}
