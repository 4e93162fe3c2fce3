import "server-only";
import type {
  AdapterOptions,
  ConnectionOf,
  DiscoverProgress,
  DiscoverResult,
} from "@/lib/clouds/adapter-types";
import { actualTarget, providerConfig } from "@/lib/clouds/gcp/adapter/actual-target";
import { gcpClients } from "@/lib/clouds/gcp/adapter/clients";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";
import {
  listPools,
  listProviders,
  listServiceAccountEmails,
  mapBounded,
  POLICY_READ_CONCURRENCY,
  readGrants,
  type ReadContext,
} from "@/lib/clouds/gcp/adapter/read-iam";

// Import: every active OIDC provider of the project's pools, with the grants
// the project's service accounts give to their pools' identities. Lists are
// paged (one call per page); policies are read a few at a time.

type Errors = DiscoverResult["errors"];

async function orRecord<T>(errors: Errors, object: string, read: () => Promise<T>, empty: T) {
  try {
    return await read();
  } catch (error) {
    errors.push({ object, error: explainGcpError(error) });
    return empty;
  }
}

function unsupported(object: string, problem: string): Errors[number] {
  return {
    object,
    error: {
      kind: "invalid",
      code: "UnsupportedProvider",
      message: `Fedlens does not catalogue this provider: ${problem}.`,
      cause: "Fedlens describes OIDC providers whose settings fit its catalogue.",
      fix: "Nothing to do; the provider stays as it is in Google Cloud.",
      object,
    },
  };
}

export async function discoverGcp(
  connection: ConnectionOf<"gcp">,
  options: AdapterOptions & { onProgress?: DiscoverProgress } = {},
): Promise<DiscoverResult> {
  const ctx: ReadContext = { clients: gcpClients(connection), signal: options.signal };
  const report = options.onProgress ?? (() => {});
  const { projectId, projectNumber } = connection.scope;
  const errors: Errors = [];

  const pools = (await listPools(ctx, projectNumber)).filter((pool) => pool.state !== "DELETED");
  const byPool = await mapBounded(pools, POLICY_READ_CONCURRENCY, async (pool) => ({
    pool,
    providers: await orRecord(
      errors,
      pool.name ?? "",
      () => listProviders(ctx, pool.name ?? ""),
      [],
    ),
  }));
  const emails = await listServiceAccountEmails(ctx, projectId);
  let read = 0;
  const grants = await mapBounded(emails, POLICY_READ_CONCURRENCY, async (email) => {
    const found = await orRecord(errors, email, () => readGrants(ctx, email), []);
    read += 1;
    report({
      read,
      total: emails.length,
      message: `Read the IAM policies of ${read} of ${emails.length} service accounts.`,
    });
    return found;
  });

  const allGrants = grants.flat();
  const targets: DiscoverResult["targets"] = [];
  for (const { pool, providers } of byPool) {
    for (const provider of providers.filter((p) => p.state !== "DELETED")) {
      const settings = providerConfig(provider, pool, null);
      if ("problem" in settings) {
        errors.push(unsupported(provider.name ?? "", settings.problem));
        continue;
      }
      const target = actualTarget(settings.config, allGrants);
      // The one service account the provider's grants name, if one: what an
      // exchange through this provider would impersonate.
      const accounts = new Set(
        target.bindings.map((b) => (b.spec as { serviceAccountEmail: string }).serviceAccountEmail),
      );
      const [only] = accounts;
      targets.push(
        accounts.size === 1 && only
          ? { ...target, config: { ...settings.config, serviceAccountEmail: only } }
          : target,
      );
    }
  }
  return { targets, errors };
}
