import type { PoolRef } from "@/lib/clouds/gcp/principals";

// Why a policy member that looks like a workload identity principal is not
// one IAM can match (principal identifiers, CLOUDS.md 3.7): principal://
// takes only subject/<google.subject>; principalSet:// takes group/,
// attribute.<name>/ or *; the location is always global (3.1); attribute
// names use [a-z0-9_] (3.3); the project is a NUMBER (3.2).

type LooseMember = {
  scheme: "principal" | "principalSet";
  project: string;
  location: string;
  poolId: string;
  rest: string;
};

const loosePattern =
  /^(principal|principalSet):\/\/iam\.googleapis\.com\/projects\/([^/]+)\/locations\/([^/]+)\/workloadIdentityPools\/([^/]+)\/(.*)$/;

function readLooseMember(member: string): LooseMember | null {
  const match = loosePattern.exec(member);
  if (!match) return null;
  const [, scheme, project = "", location = "", poolId = "", rest = ""] = match;
  return {
    scheme: scheme === "principalSet" ? "principalSet" : "principal",
    project,
    location,
    poolId,
    rest,
  };
}

/**
 * How close a member is to the binding's pool: 2 names this pool of this
 * project, 1 this pool under another project segment (often a project ID),
 * 0 anything else. Hints from closer members explain more.
 */
export function memberPoolRank(member: string, pool: PoolRef): number {
  const loose = readLooseMember(member.trim());
  if (!loose || loose.poolId !== pool.poolId) return 0;
  return loose.project === pool.projectNumber ? 2 : 1;
}

/** The slip that keeps `member` from being read as a principal identifier, if one is recognised. */
export function memberSlipHint(
  member: string,
  mapping: Record<string, string>,
): string | undefined {
  const loose = readLooseMember(member);
  if (!loose) return undefined;
  if (!/^\d+$/.test(loose.project)) {
    // CLOUDS.md 3.2, 3.7
    return `This member uses the project ID "${loose.project}"; principal identifiers need the project NUMBER.`;
  }
  if (loose.location !== "global") {
    // CLOUDS.md 3.1
    return `This member names location "${loose.location}"; workload identity pools exist only in location global.`;
  }
  const { scheme, rest } = loose;
  if (scheme === "principal" && /^attribute\.[^/]+\/./.test(rest)) {
    // CLOUDS.md 3.7
    return "principal:// names one subject (…/subject/<google.subject>); everyone with a mapped attribute value is principalSet://…/attribute.NAME/VALUE.";
  }
  if (scheme === "principal" && (rest === "*" || /^group\/./.test(rest))) {
    // CLOUDS.md 3.7
    return `principal:// names one subject (…/subject/<google.subject>); ${rest === "*" ? "the whole pool" : "a group"} is principalSet://…/${rest === "*" ? "*" : "group/GROUP"}.`;
  }
  if (scheme === "principalSet" && /^subject\/./.test(rest)) {
    // CLOUDS.md 3.7
    return "principalSet:// takes group/, attribute.NAME/ or *; a single subject is principal://…/subject/<google.subject>.";
  }
  const attribute = /^attribute\.([^/]+)\/./.exec(rest)?.[1];
  if (scheme === "principalSet" && attribute !== undefined) {
    const lower = attribute.toLowerCase();
    const mapped = `attribute.${lower}` in mapping;
    // CLOUDS.md 3.3
    return `Attribute names are 1-100 characters of [a-z0-9_], so attribute.${attribute} can never be mapped${mapped ? `; the provider maps attribute.${lower}` : ""}.`;
  }
  return undefined;
}
