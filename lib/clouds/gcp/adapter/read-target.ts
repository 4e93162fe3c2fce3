import "server-only";
import type {
  AdapterOptions,
  CatalogTargetRef,
  CloudError,
  ConnectionOf,
  TargetRead,
} from "@/lib/clouds/adapter-types";
import { ZGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { actualTarget, providerConfig } from "@/lib/clouds/gcp/adapter/actual-target";
import { gcpClients } from "@/lib/clouds/gcp/adapter/clients";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";
import {
  getPool,
  getProvider,
  mapBounded,
  POLICY_READ_CONCURRENCY,
  readGrants,
  type ReadContext,
} from "@/lib/clouds/gcp/adapter/read-iam";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

// Drift: one provider (and its pool) and the grants on the service accounts
// the catalogue's bindings name. Missing only when IAM says so (404, or a
// soft-deleted provider or pool); a 403, throttling after retries, a 5xx or
// a network failure is unreadable, never missing.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers/get

class Missing extends Error {}

async function orMissing<T extends { state?: string | null }>(read: () => Promise<T>): Promise<T> {
  let found: T;
  try {
    found = await read();
  } catch (error) {
    if (explainGcpError(error).kind === "not-found") throw new Missing();
    throw error;
  }
  if (found.state === "DELETED") throw new Missing();
  return found;
}

function accountsOf(target: CatalogTargetRef, configAccount: string | null): string[] {
  const emails = new Set<string>();
  for (const binding of target.bindings) {
    const spec = ZGcpBindingSpec.safeParse(binding.spec);
    if (spec.success) emails.add(spec.data.serviceAccountEmail);
  }
  if (configAccount) emails.add(configAccount);
  return [...emails];
}

const unreadable = (error: CloudError): TargetRead => ({ state: "unreadable", error });

export async function readGcpTarget(
  connection: ConnectionOf<"gcp">,
  target: CatalogTargetRef,
  options: AdapterOptions = {},
): Promise<TargetRead> {
  const parsed = ZGcpProviderConfig.safeParse(target.config);
  if (!parsed.success) {
    return unreadable({
      kind: "invalid",
      code: "InvalidTarget",
      message: "The catalogued provider's settings are not valid.",
      cause: "The target's settings in Fedlens do not name a provider.",
      fix: "Edit the target and save it again.",
    });
  }
  const config = parsed.data;
  const poolName = `projects/${config.projectNumber}/locations/global/workloadIdentityPools/${config.poolId}`;
  try {
    const ctx: ReadContext = { clients: gcpClients(connection), signal: options.signal };
    const [provider, pool] = await Promise.all([
      orMissing(() => getProvider(ctx, `${poolName}/providers/${config.providerId}`)),
      orMissing(() => getPool(ctx, poolName)),
    ]);
    const grants = await mapBounded(
      accountsOf(target, config.serviceAccountEmail),
      POLICY_READ_CONCURRENCY,
      // A deleted service account has no grants left: its bindings read as missing.
      (email) =>
        readGrants(ctx, email).catch((error: unknown) => {
          if (explainGcpError(error).kind === "not-found") return [];
          throw error;
        }),
    );
    const read = providerConfig(provider, pool, config.serviceAccountEmail);
    if ("problem" in read) {
      return unreadable({
        kind: "invalid",
        code: "UnsupportedProvider",
        message: `Fedlens cannot describe this provider: ${read.problem}.`,
        cause: "The provider in Google Cloud is no longer one the catalogue can hold.",
        fix: "Check the provider in Google Cloud, or remove the target from the catalogue.",
      });
    }
    return { state: "found", target: actualTarget(read.config, grants.flat()) };
  } catch (error) {
    if (error instanceof Missing) return { state: "missing" };
    return unreadable(explainGcpError(error));
  }
}
