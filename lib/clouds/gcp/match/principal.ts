import { permissionDenied } from "@/lib/clouds/gcp/cloud-errors";
import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { workloadIdentityUserRole } from "@/lib/clouds/gcp/ids";
import type { MappedAttributes } from "@/lib/clouds/gcp/match/mapping";
import { memberPoolRank } from "@/lib/clouds/gcp/match/member-hints";
import { memberVerdict, type MemberVerdict } from "@/lib/clouds/gcp/match/member-verdict";
import { failed, passed, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import { membersOf } from "@/lib/clouds/gcp/match/policy-members";
import { principalForSubject } from "@/lib/clouds/gcp/principals";
import type { Check, ExchangeRequest } from "@/lib/federation/types";

// CLOUDS.md 3.7 (principal identifiers; auth TROUBLESHOOTING, auth#340,
// auth#418): to impersonate a service account, the federated principal
// (`principal://…/subject/<google.subject>`) or a principalSet it belongs to
// (`…/attribute.NAME/VALUE`, `…/group/G`, `…/*`) needs
// roles/iam.workloadIdentityUser on it; otherwise generateAccessToken
// answers 403 PERMISSION_DENIED.

const source =
  "CLOUDS.md 3.7 (principal identifiers; google-github-actions/auth TROUBLESHOOTING, #340)";

// CLOUDS.md 3.7 names only roles/iam.workloadIdentityUser for federation.
// [inferred] Token Creator also holds iam.serviceAccounts.getAccessToken, the
// permission generateAccessToken checks (the 403 text in CLOUDS.md 3.7), so
// it is taken to grant impersonation too; no source in CLOUDS.md says so.
const tokenCreatorRole = "roles/iam.serviceAccountTokenCreator";
const grantingRoles = [workloadIdentityUserRole, tokenCreatorRole];
// CLOUDS.md 3.7
const tokenCreatorHint = `[inferred] ${tokenCreatorRole} holds iam.serviceAccounts.getAccessToken, so Fedlens takes it to allow impersonation; Google documents only ${workloadIdentityUserRole} for federated principals. Grant that role to be sure.`;

/** The undocumented readings a grant rests on, joined; undefined when there are none. */
function unconfirmedOf(role: string | undefined, reading: string | undefined): string | undefined {
  return role && reading ? `${role} ${reading}` : role || reading || undefined;
}

/** The grant to the matching member, its fields in the check's order. */
function granted(
  match: MemberVerdict,
  principal: string,
  { role, serviceAccount }: { role: string; serviceAccount: string },
): Outcome {
  const inferred = role === tokenCreatorRole;
  const check: Omit<Check, "ok"> = {
    check: "principal",
    expected: match.member,
    actual: match.actual ?? principal,
    message: `${match.member} holds ${role} on ${serviceAccount}, and this token's identity is in it.${inferred ? " [inferred]" : ""}`,
  };
  if (inferred) check.hint = tokenCreatorHint;
  const unconfirmed = unconfirmedOf(inferred ? tokenCreatorHint : undefined, match.unconfirmed);
  if (unconfirmed) check.unconfirmed = unconfirmed;
  check.source = source;
  return passed(check);
}

export type PrincipalResult = { outcome: Outcome; poolWideMember?: string };

function denied(
  principal: string,
  message: string,
  extra: { expected?: string; actual?: string; hint?: string } = {},
): PrincipalResult {
  return {
    outcome: failed(
      { check: "principal", actual: principal, ...extra, message, source },
      permissionDenied(),
    ),
  };
}

export function checkPrincipal(
  binding: NormalisedGcpBinding,
  mapped: MappedAttributes,
  request?: ExchangeRequest,
): PrincipalResult {
  const policy = binding.serviceAccountIamPolicy;
  const wanted = request?.gcp?.serviceAccount ?? policy?.serviceAccount;
  const subject = typeof mapped.google.subject === "string" ? mapped.google.subject : "(unmapped)";
  const principal = principalForSubject(binding.provider, subject);
  if (!wanted) {
    return {
      outcome: passed({
        check: "principal",
        actual: principal,
        message: `No service account asked for: STS returns a federated token for ${principal}.`,
        source,
      }),
    };
  }
  if (!policy) {
    return denied(
      principal,
      `No IAM policy of ${wanted} was given, so nothing is known to grant ${principal} ${workloadIdentityUserRole}.`,
      {
        hint: "Give the service account's policy (serviceAccountIamPolicy) to evaluate impersonation.",
      },
    );
  }
  if (policy.serviceAccount.toLowerCase() !== wanted.toLowerCase()) {
    return denied(
      principal,
      `The request asks for ${wanted}, but the policy given is ${policy.serviceAccount}'s.`,
      {
        expected: policy.serviceAccount,
        actual: wanted,
      },
    );
  }
  if (!grantingRoles.includes(policy.role)) {
    return denied(
      principal,
      `The binding grants ${policy.role}, which is not ${workloadIdentityUserRole}.`,
      {
        expected: workloadIdentityUserRole,
        actual: policy.role,
        hint: policy.role.startsWith("roles/")
          ? // CLOUDS.md 3.7
            `Grant ${workloadIdentityUserRole} on the service account.`
          : // CLOUDS.md 3.7
            `Fedlens cannot see the permissions of custom role ${policy.role}; grant ${workloadIdentityUserRole}.`,
      },
    );
  }
  const members = membersOf(policy.members);
  // The first member that matches decides; the others' verdicts are needed
  // only when none does.
  const verdicts: MemberVerdict[] = [];
  for (const { member, parsed } of members) {
    const verdict = memberVerdict(member, parsed, binding, mapped, principal);
    if (verdict.matches) {
      const outcome = granted(verdict, principal, policy);
      const poolWideMember = members.find(
        (entry) =>
          entry.parsed?.kind === "pool" &&
          entry.parsed.projectNumber === binding.provider.projectNumber &&
          entry.parsed.poolId === binding.provider.poolId,
      )?.member;
      return poolWideMember ? { outcome, poolWideMember } : { outcome };
    }
    verdicts.push(verdict);
  }
  // A hint about a member of this pool says more than one about a member
  // of another pool, whatever their order in the policy.
  const ranked = verdicts
    .filter((verdict) => verdict.hint)
    .map((verdict) => ({ verdict, rank: memberPoolRank(verdict.member, binding.provider) }))
    .sort((a, b) => b.rank - a.rank);
  const closest = ranked[0]?.verdict ?? verdicts[0];
  return denied(
    principal,
    policy.members.length
      ? `None of the ${policy.members.length} member(s) with ${policy.role} on ${policy.serviceAccount} covers this token's identity.`
      : `The policy grants ${policy.role} on ${policy.serviceAccount} to no one.`,
    {
      ...(closest ? { expected: closest.member } : {}),
      actual: closest?.actual ?? principal,
      ...(closest?.hint ? { hint: closest.hint } : {}),
    },
  );
}
