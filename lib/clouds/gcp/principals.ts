// Names of Workload Identity Federation resources and the IAM principal
// identifiers that refer to their identities (CLOUDS.md 3.2, 3.6, 3.7, from
// https://cloud.google.com/iam/docs/principal-identifiers).

import { boundedMemo } from "@/lib/bounded-memo";

export type PoolRef = { projectNumber: string; poolId: string };
export type ProviderRef = PoolRef & { providerId: string };

const iamHost = "iam.googleapis.com";

function poolPath({ projectNumber, poolId }: PoolRef): string {
  return `projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}`;
}

/** `//iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/POOL`. */
export function poolResource(pool: PoolRef): string {
  return `//${iamHost}/${poolPath(pool)}`;
}

/** The provider's full canonical name: the STS `audience` parameter (CLOUDS.md 3.6). */
export function providerResourceName(provider: ProviderRef): string {
  return `${poolResource(provider)}/providers/${provider.providerId}`;
}

/**
 * The `aud` values an empty allowedAudiences accepts: the canonical name with
 * or without the `https:` prefix (CLOUDS.md 3.2).
 */
export function providerAudiences(provider: ProviderRef): [string, string] {
  const name = providerResourceName(provider);
  return [name, `https:${name}`];
}

/** One identity: the mapped google.subject. */
export function principalForSubject(pool: PoolRef, subject: string): string {
  return `principal://${iamHost}/${poolPath(pool)}/subject/${subject}`;
}

/** Every identity whose mapped attribute.NAME equals VALUE. */
export function principalSetForAttribute(pool: PoolRef, name: string, value: string): string {
  return `principalSet://${iamHost}/${poolPath(pool)}/attribute.${name}/${value}`;
}

/** Every identity whose mapped google.groups contains GROUP. */
export function principalSetForGroup(pool: PoolRef, group: string): string {
  return `principalSet://${iamHost}/${poolPath(pool)}/group/${group}`;
}

/** Every identity the pool admits (CLOUDS.md 5.5 calls this too broad). */
export function principalSetForPool(pool: PoolRef): string {
  return `principalSet://${iamHost}/${poolPath(pool)}/*`;
}

export type ParsedMember =
  | (PoolRef & { kind: "subject"; value: string })
  | (PoolRef & { kind: "attribute"; attribute: string; value: string })
  | (PoolRef & { kind: "group"; value: string })
  | (PoolRef & { kind: "pool" });

const memberPattern =
  /^(principal|principalSet):\/\/iam\.googleapis\.com\/projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([a-z0-9-]+)\/(.+)$/;

/**
 * Reads a workload-identity member of an IAM policy. Anything else (users,
 * service accounts, workforce pools, malformed text) gives null.
 */
export function parseMember(member: string): ParsedMember | null {
  return members(member, () => readMember(member));
}

// An evaluation reads each member of a policy more than once, and the trust
// map evaluates a policy against many tokens. Shared: callers must not change it.
const members = boundedMemo<ParsedMember | null>(2000);

// Indexes, not destructuring: a match array is no plain array, so unpacking
// it runs the iterator protocol, which showed once per member in the trust map.
function readMember(member: string): ParsedMember | null {
  const match = memberPattern.exec(member);
  if (!match) return null;
  const scheme = match[1];
  const projectNumber = match[2] ?? "";
  const poolId = match[3] ?? "";
  const rest = match[4] ?? "";
  if (scheme === "principal") {
    const subject = /^subject\/(.+)$/.exec(rest)?.[1];
    return subject ? { projectNumber, poolId, kind: "subject", value: subject } : null;
  }
  if (rest === "*") return { projectNumber, poolId, kind: "pool" };
  const group = /^group\/(.+)$/.exec(rest)?.[1];
  if (group) return { projectNumber, poolId, kind: "group", value: group };
  const attribute = /^attribute\.([a-z0-9_]{1,100})\/(.+)$/.exec(rest);
  if (attribute?.[1] && attribute[2]) {
    return {
      projectNumber,
      poolId,
      kind: "attribute",
      attribute: attribute[1],
      value: attribute[2],
    };
  }
  return null;
}
