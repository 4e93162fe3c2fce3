import type { ProviderRef } from "@/lib/clouds/gcp/principals";

// Reading the names STS and IAM compare: the provider's full resource name
// (the STS `audience` parameter, CLOUDS.md 3.6) and the token `aud` forms
// (`//iam…` or `https://iam…`, CLOUDS.md 3.2). Reads loosely so that near
// misses (a project ID, the pool instead of the provider) can be named.

export type LooseProviderName = {
  /** `//` or `https://`. */
  scheme: string;
  /** The project segment as written: a number, or a project ID by mistake. */
  project: string;
  poolId: string;
  /** Absent when the name stops at the pool. */
  providerId?: string;
};

const loosePattern =
  /^(\/\/|https:\/\/)iam\.googleapis\.com\/projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)(?:\/providers\/([^/]+))?\/?$/;

export function readProviderName(text: string): LooseProviderName | null {
  const match = loosePattern.exec(text);
  if (!match) return null;
  const [, scheme = "", project = "", poolId = "", providerId] = match;
  return providerId ? { scheme, project, poolId, providerId } : { scheme, project, poolId };
}

/**
 * A full provider resource name `//iam.googleapis.com/projects/N/…/providers/Q`
 * with a numeric project, or null.
 */
export function parseProviderResource(text: string): ProviderRef | null {
  const name = readProviderName(text);
  if (!name || name.scheme !== "//" || !name.providerId || text.endsWith("/")) return null;
  if (!/^\d{1,20}$/.test(name.project)) return null;
  return { projectNumber: name.project, poolId: name.poolId, providerId: name.providerId };
}

// Workforce pool providers are also valid STS audiences (STS v1 token
// reference); they never name a workload identity provider.
const workforcePattern =
  /^\/\/iam\.googleapis\.com\/locations\/global\/workforcePools\/[^/]+\/providers\/[^/]+$/;

/** Whether STS would read `audience` as a resource name at all (else invalid_request). */
export function isWellFormedStsAudience(audience: string): boolean {
  if (workforcePattern.test(audience)) return true;
  const name = readProviderName(audience);
  return Boolean(name && name.scheme === "//" && name.providerId && !audience.endsWith("/"));
}

/** Explains how `actual` misses the provider `expected` (project ID, wrong project, pool, form). */
export function providerNameHint(actual: string, expected: ProviderRef): string | undefined {
  const name = readProviderName(actual);
  if (!name) return undefined;
  const samePoolAndProvider =
    name.poolId === expected.poolId && name.providerId === expected.providerId;
  if (name.project !== expected.projectNumber && samePoolAndProvider) {
    return /^\d+$/.test(name.project)
      ? `This names project ${name.project}, but the provider lives in project number ${expected.projectNumber}.`
      : // CLOUDS.md 3.2, auth TROUBLESHOOTING
        `This uses the project ID "${name.project}"; Workload Identity Federation names need the project NUMBER (${expected.projectNumber}).`;
  }
  if (name.project === expected.projectNumber && name.poolId === expected.poolId) {
    if (!name.providerId) {
      // CLOUDS.md 3.8
      return `This names the pool, not the provider: append /providers/${expected.providerId}.`;
    }
    if (name.providerId !== expected.providerId) {
      return `This names provider "${name.providerId}" of the same pool, not "${expected.providerId}".`;
    }
  }
  if (name.project === expected.projectNumber && name.poolId !== expected.poolId) {
    return `This names pool "${name.poolId}", not "${expected.poolId}".`;
  }
  return undefined;
}
