import "server-only";
import {
  CloudCallError,
  type AdapterConnection,
  type AdapterOptions,
  type CatalogTargetRef,
} from "@/lib/clouds/adapter-types";
import { writeClients } from "@/lib/clouds/gcp/adapter/write-clients";
import { gcpCall, type GcpRetryOptions } from "@/lib/clouds/gcp/adapter/read-iam";
import { explainGcpWriteError } from "@/lib/clouds/gcp/adapter/write-errors";
import { providerPatch } from "@/lib/clouds/gcp/adapter/write-provider-fields";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

// The target-level write: patch an existing provider's attributeMapping,
// attributeCondition and allowedAudiences to the catalogue's, only the fields
// that differ (updateMask), and wait for the long-running operation.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers/patch
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers.operations/get
// https://google.aip.dev/151 (long-running operations: poll until done)

export type ProviderApplyResult = { status: "applied" | "unchanged"; fields: string[] };
export type ProviderApplyOptions = AdapterOptions & { retry?: Omit<GcpRetryOptions, "explain"> };

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

export async function applyGcpProviderConfig(
  connection: AdapterConnection,
  target: CatalogTargetRef,
  options: ProviderApplyOptions = {},
): Promise<ProviderApplyResult> {
  const config = ZGcpProviderConfig.parse(target.config);
  const name = `projects/${config.projectNumber}/locations/global/workloadIdentityPools/${config.poolId}/providers/${config.providerId}`;
  const explain = explainGcpWriteError("updateProvider", name);
  const { signal } = options;
  const retry = { ...options.retry, explain };
  const providers = writeClients(connection).iam.projects.locations.workloadIdentityPools.providers;

  const current = await gcpCall(() => providers.get({ name }, { signal }), signal, retry);
  const patch = providerPatch(current, config);
  if (!patch) return { status: "unchanged", fields: [] };
  let operation = await gcpCall(
    () =>
      providers.patch(
        { name, updateMask: patch.updateMask.join(","), requestBody: patch.body },
        { signal },
      ),
    signal,
    retry,
  );
  const sleep = options.retry?.sleep ?? wait;
  for (let poll = 0; !operation.done; poll++) {
    if (poll >= POLL_ATTEMPTS || !operation.name) {
      throw new CloudCallError({
        kind: "unavailable",
        code: "OperationPending",
        message: `Google has not finished updating ${name} yet.`,
        cause: "The provider update is a long-running operation that was still running.",
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
  if (operation.error) throw new CloudCallError(explain(operationFailure(operation.error)));
  return { status: "applied", fields: patch.updateMask };
}
