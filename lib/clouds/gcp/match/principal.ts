import { permissionDenied } from "@/lib/clouds/gcp/cloud-errors";
import type { NormalisedGcpBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { workloadIdentityUserRole } from "@/lib/clouds/gcp/ids";
import { nearMissHint } from "@/lib/clouds/gcp/match/hints";
import type { MappedAttributes } from "@/lib/clouds/gcp/match/mapping";
import { memberPoolRank, memberSlipHint } from "@/lib/clouds/gcp/match/member-hints";
import { failed, passed, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import { membersOf } from "@/lib/clouds/gcp/match/policy-members";
import {
  principalForSubject,
  principalSetForAttribute,
  principalSetForGroup,
  type ParsedMember,
} from "@/lib/clouds/gcp/principals";
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

type MemberVerdict = {
  member: string;
  matches: boolean;
  hint?: string;
  actual?: string;
  /** The match rests on an undocumented reading (Check.unconfirmed). */
  unconfirmed?: string;
};

// CLOUDS.md 3.3 shows google.groups mapped to a list; a plain string read as
// one group is Fedlens's guess.
const stringGroupsReading =
  // CLOUDS.md 3.3
  "google.groups maps to a single string, which Fedlens reads as one group; Google documents a list.";

function unconfirmedOf(role: string | undefined, reading: string | undefined): string | undefined {
  return role && reading ? `${role} ${reading}` : role || reading || undefined;
}

function valuesOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

function judge(
  member: string,
  parsed: ParsedMember,
  binding: NormalisedGcpBinding,
  mapped: MappedAttributes,
): MemberVerdict {
  const pool = binding.provider;
  if (parsed.projectNumber !== pool.projectNumber || parsed.poolId !== pool.poolId) {
    return {
      member,
      matches: false,
      hint: `This member names pool ${parsed.poolId} of project ${parsed.projectNumber}; the provider is in pool ${pool.poolId} of project ${pool.projectNumber}.`,
    };
  }
  const subject = typeof mapped.google.subject === "string" ? mapped.google.subject : undefined;
  switch (parsed.kind) {
    case "pool":
      return { member, matches: true };
    case "subject": {
      const actual = subject === undefined ? undefined : principalForSubject(pool, subject);
      if (subject === parsed.value) return { member, matches: true, ...(actual ? { actual } : {}) };
      const hint =
        subject === undefined ? undefined : nearMissHint(parsed.value, subject, "google.subject");
      return { member, matches: false, ...(hint ? { hint } : {}), ...(actual ? { actual } : {}) };
    }
    case "group": {
      const groups = valuesOf(mapped.google.groups);
      const actual =
        groups.map((group) => principalSetForGroup(pool, group)).join(", ") || undefined;
      if (groups.includes(parsed.value)) {
        const reading =
          typeof mapped.google.groups === "string" ? { unconfirmed: stringGroupsReading } : {};
        return { member, matches: true, ...(actual ? { actual } : {}), ...reading };
      }
      const hint = !("groups" in mapped.google)
        ? // CLOUDS.md 3.3
          "google.groups is not mapped for this token."
        : groups.map((group) => nearMissHint(parsed.value, group, "The group")).find(Boolean);
      return { member, matches: false, ...(hint ? { hint } : {}), ...(actual ? { actual } : {}) };
    }
    case "attribute": {
      const name = parsed.attribute;
      const values = valuesOf(mapped.attribute[name]);
      const actual =
        values.map((value) => principalSetForAttribute(pool, name, value)).join(", ") || undefined;
      if (values.includes(parsed.value))
        return { member, matches: true, ...(actual ? { actual } : {}) };
      let hint: string | undefined;
      if (!(`attribute.${name}` in binding.attributeMapping)) {
        // CLOUDS.md 3.3
        hint = `The provider does not map attribute.${name}; IAM can only match mapped attributes.`;
      } else if (mapped.failures[`attribute.${name}`]) {
        hint = `attribute.${name} could not be mapped for this token (${mapped.failures[`attribute.${name}`]}).`;
      } else if (/\/attribute\.[a-z0-9_]+\//.test(parsed.value)) {
        hint =
          "A principalSet names one attribute; to require two values, map them into one attribute or add an attribute condition (auth#233).";
      } else {
        hint = values
          .map((value) => nearMissHint(parsed.value, value, `attribute.${name}`))
          .find(Boolean);
      }
      return { member, matches: false, ...(hint ? { hint } : {}), ...(actual ? { actual } : {}) };
    }
  }
}

function memberVerdict(
  member: string,
  parsed: ParsedMember | null,
  binding: NormalisedGcpBinding,
  mapped: MappedAttributes,
  principal: string,
): MemberVerdict {
  if (member.trim() !== member) {
    return {
      member,
      matches: false,
      // CLOUDS.md 3.7
      hint: `This member has leading or trailing whitespace; IAM compares it with ${principal} and the principalSets it belongs to exactly, so it matches nothing.`,
    };
  }
  if (parsed) return judge(member, parsed, binding, mapped);
  const hint = memberSlipHint(member, binding.attributeMapping);
  return { member, matches: false, ...(hint ? { hint } : {}) };
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
