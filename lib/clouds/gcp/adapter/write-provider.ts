import "server-only";
import {
  CloudCallError,
  type AdapterConnection,
  type AdapterOptions,
  type CatalogTargetRef,
} from "@/lib/clouds/adapter-types";
import type { iam_v1 } from "@googleapis/iam";
import { writeClients } from "@/lib/clouds/gcp/adapter/write-clients";
import { gcpCall, type GcpRetryOptions } from "@/lib/clouds/gcp/adapter/read-iam";
import { explainGcpWriteError } from "@/lib/clouds/gcp/adapter/write-errors";
import type { ProviderResource } from "@/lib/clouds/gcp/adapter/actual-target";
import { providerPatch } from "@/lib/clouds/gcp/adapter/write-provider-fields";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

// The target-level write: patch an existing provider's attributeMapping,
// attributeCondition and allowedAudiences to the catalogue's, only the fields
// that differ (updateMask), and wait for the long-running operation.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers/patch
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers.operations/get
// https://google.aip.dev/151 (long-running operations: poll until done)

export type ProviderApplyResult = { status: "applied" | "unchanged"; fields: string[] };
export type ProviderApplyOptions = AdapterOptions & {
  retry?: Omit<GcpRetryOptions, "explain">;
  /** Throws when the provider read is not one this apply may patch (write-guard.ts). */
  beforePatch?: (current: ProviderResource) => void;
};

const POLL_FIRST_MS = 500;
const POLL_MAX_MS = 10_000;
/** About three minutes of polling with the waits above. */
export const POLL_ATTEMPTS = 24;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// google.rpc.Code numbers → names, for an operation that ends in error.
// https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto
const rpcCodes: Record<number, [string, number]> = {
  3: ["INVALID_ARGUMENT", 400],
  5: ["NOT_FOUND", 404],
  7: ["PERMISSION_DENIED", 403],
  9: ["FAILED_PRECONDITION", 400],
  10: ["ABORTED", 409],
  13: ["INTERNAL", 500],
  14: ["UNAVAILABLE", 503],
};

function operationFailure(error: { code?: number | null; message?: string | null }) {
  const [status, http] = rpcCodes[error.code ?? 13] ?? ["INTERNAL", 500];
  // The shape a failed call has, so the one mapping reads it.
  return {
    response: {
      status: http,
      data: { error: { code: http, status, message: error.message ?? "" } },
    },
  };
}

type Providers = ReturnType<
  typeof writeClients
>["iam"]["projects"]["locations"]["workloadIdentityPools"]["providers"];
type Operation = iam_v1.Schema$Operation;

/** Polls a long-running operation until done, or gives up after POLL_ATTEMPTS. */
async function awaitOperation(
  providers: Providers,
  started: Operation,
  name: string,
  options: ProviderApplyOptions,
  retry: GcpRetryOptions & Required<Pick<GcpRetryOptions, "explain">>,
): Promise<void> {
  const { signal } = options;
  const sleep = options.retry?.sleep ?? wait;
  let operation = started;
  for (let poll = 0; !operation.done; poll++) {
    if (poll >= POLL_ATTEMPTS || !operation.name) {
      throw new CloudCallError({
        kind: "unavailable",
        code: "OperationPending",
        message: `Google has not finished writing ${name} yet.`,
        cause: "Writing the provider is a long-running operation that was still running.",
        fix: "Check the provider in Google Cloud in a few minutes, then check drift.",
        object: name,
      });
    }
    await sleep(Math.min(POLL_MAX_MS, POLL_FIRST_MS * 2 ** poll), signal);
    const opName = operation.name;
    operation = await gcpCall(
      () => providers.operations.get({ name: opName }, { signal }),
      signal,
      retry,
    );
  }
  if (operation.error) throw new CloudCallError(retry.explain(operationFailure(operation.error)));
}

/**
 * Creates the provider as the catalogue describes it (its pool must exist).
 * Returns false when another writer created it first (409 ALREADY_EXISTS).
 * https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers/create
 */
async function createProvider(
  providers: Providers,
  config: ReturnType<typeof ZGcpProviderConfig.parse>,
  name: string,
  options: ProviderApplyOptions,
): Promise<boolean> {
  const explain = explainGcpWriteError("createProvider", name);
  const retry = { ...options.retry, explain };
  const parent = name.slice(0, name.lastIndexOf("/providers/"));
  const requestBody = {
    attributeMapping: config.attributeMapping,
    ...(config.attributeCondition ? { attributeCondition: config.attributeCondition } : {}),
    oidc: { issuerUri: config.issuerUri, allowedAudiences: config.allowedAudiences },
    disabled: false,
  };
  let operation: Operation;
  try {
    operation = await gcpCall(
      () =>
        providers.create(
          { parent, workloadIdentityPoolProviderId: config.providerId, requestBody },
          { signal: options.signal },
        ),
      options.signal,
      retry,
    );
  } catch (error) {
    if (explain(error).kind === "conflict") return false;
    throw error;
  }
  await awaitOperation(providers, operation, name, options, retry);
  return true;
}

export async function applyGcpProviderConfig(
  connection: AdapterConnection,
  target: CatalogTargetRef,
  options: ProviderApplyOptions & { createIfMissing?: boolean } = {},
): Promise<ProviderApplyResult> {
  const config = ZGcpProviderConfig.parse(target.config);
  const name = `projects/${config.projectNumber}/locations/global/workloadIdentityPools/${config.poolId}/providers/${config.providerId}`;
  const explain = explainGcpWriteError("updateProvider", name);
  const { signal } = options;
  const retry = { ...options.retry, explain };
  const providers = writeClients(connection).iam.projects.locations.workloadIdentityPools.providers;

  const read = () => gcpCall(() => providers.get({ name }, { signal }), signal, retry);
  let current;
  try {
    current = await read();
  } catch (error) {
    if (!options.createIfMissing || explain(error).kind !== "not-found") throw error;
    if (await createProvider(providers, config, name, options)) {
      return { status: "applied", fields: ["created"] };
    }
    current = await read();
  }
  const patch = providerPatch(current, config);
  if (!patch) return { status: "unchanged", fields: [] };
  options.beforePatch?.(current);
  const operation = await gcpCall(
    () =>
      providers.patch(
        { name, updateMask: patch.updateMask.join(","), requestBody: patch.body },
        { signal },
      ),
    signal,
    retry,
  );
  await awaitOperation(providers, operation, name, options, retry);
  return { status: "applied", fields: patch.updateMask };
}
