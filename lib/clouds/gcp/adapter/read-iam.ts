import "server-only";
import { z } from "zod";
import { parseRetryAfter, withRetry, type RetryContext } from "@/lib/clouds/retry";
import type { GcpClients } from "@/lib/clouds/gcp/adapter/clients";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";
import { retryAfterHeader } from "@/lib/clouds/gcp/adapter/google-error";
import type { Grant } from "@/lib/clouds/gcp/adapter/grants";
import type { PoolResource, ProviderResource } from "@/lib/clouds/gcp/adapter/actual-target";

// The reads, each one call retried by the one rule (lib/clouds/retry.ts),
// waiting at least what a 429's Retry-After asks.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools/list
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers/list
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/list
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/getIamPolicy

export type ReadContext = { clients: GcpClients; signal?: AbortSignal };

/** How many policy reads run at once (IAM's read quota is per project per minute). */
export const POLICY_READ_CONCURRENCY = 8;

/** What a caller may set on the one retry rule: the writes' error wording, a test's sleep. */
export type GcpRetryOptions = Partial<Pick<RetryContext, "explain" | "sleep" | "random">>;

export function gcpCall<T>(
  call: () => Promise<{ data: T }>,
  signal?: AbortSignal,
  retry: GcpRetryOptions = {},
): Promise<T> {
  return withRetry(async () => (await call()).data, {
    explain: explainGcpError,
    retryAfterMs: (error) => parseRetryAfter(retryAfterHeader(error)),
    signal,
    ...retry,
  });
}

async function allPages<T>(
  page: (pageToken: string | undefined) => Promise<{ items: T[]; next?: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    items.push(...result.items);
    token = result.next ?? undefined;
  } while (token);
  return items;
}

export function poolParent(projectNumber: string): string {
  return `projects/${projectNumber}/locations/global`;
}

export function listPools({ clients, signal }: ReadContext, projectNumber: string) {
  const pools = clients.iam.projects.locations.workloadIdentityPools;
  return allPages<PoolResource>(async (pageToken) => {
    const data = await gcpCall(
      () => pools.list({ parent: poolParent(projectNumber), pageToken }, { signal }),
      signal,
    );
    return { items: data.workloadIdentityPools ?? [], next: data.nextPageToken };
  });
}

export function listProviders({ clients, signal }: ReadContext, poolName: string) {
  const providers = clients.iam.projects.locations.workloadIdentityPools.providers;
  return allPages<ProviderResource>(async (pageToken) => {
    const data = await gcpCall(
      () => providers.list({ parent: poolName, pageToken }, { signal }),
      signal,
    );
    return { items: data.workloadIdentityPoolProviders ?? [], next: data.nextPageToken };
  });
}

export function getPool({ clients, signal }: ReadContext, name: string) {
  const pools = clients.iam.projects.locations.workloadIdentityPools;
  return gcpCall(() => pools.get({ name }, { signal }), signal);
}

export function getProvider({ clients, signal }: ReadContext, name: string) {
  const providers = clients.iam.projects.locations.workloadIdentityPools.providers;
  return gcpCall(() => providers.get({ name }, { signal }), signal);
}

export async function listServiceAccountEmails(
  { clients, signal }: ReadContext,
  projectId: string,
) {
  const accounts = await allPages(async (pageToken) => {
    const data = await gcpCall(
      () =>
        clients.iam.projects.serviceAccounts.list(
          { name: `projects/${projectId}`, pageToken, pageSize: 100 },
          { signal },
        ),
      signal,
    );
    return { items: data.accounts ?? [], next: data.nextPageToken };
  });
  return accounts.flatMap((account) => (account.email ? [account.email] : []));
}

const ZPolicy = z.object({
  bindings: z
    .array(
      z.object({
        role: z.string(),
        members: z.array(z.string()).default([]),
        condition: z.object({ expression: z.string(), title: z.string().optional() }).nullish(),
      }),
    )
    .default([]),
});

/**
 * The grants on one service account. Version 3 is asked for so conditional
 * bindings come with their condition instead of a _withcond_ role.
 * https://cloud.google.com/iam/docs/policies#versions
 */
export async function readGrants(
  { clients, signal }: ReadContext,
  email: string,
): Promise<Grant[]> {
  const data = await gcpCall(
    () =>
      clients.iam.projects.serviceAccounts.getIamPolicy(
        { resource: `projects/-/serviceAccounts/${email}`, "options.requestedPolicyVersion": 3 },
        { signal },
      ),
    signal,
  );
  const policy = ZPolicy.parse(data);
  return policy.bindings.flatMap(({ role, members, condition }) =>
    members.map((member) => ({
      serviceAccountEmail: email,
      role,
      member,
      ...(condition ? { condition } : {}),
    })),
  );
}

/** Runs `task` over `items`, at most `limit` at a time, keeping order. */
export async function mapBounded<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
