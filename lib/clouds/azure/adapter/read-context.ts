import type { RetryPolicy } from "@/lib/clouds/retry";
import { withRetry } from "@/lib/clouds/retry";
import type { AzureClients } from "./clients";
import { azureRetryAfterMs, explainAzureError } from "./explain";

/** Runs one cloud request under the one retry rule. */
export type Call = <T>(request: () => Promise<T>) => Promise<T>;

export type ReadContext = { clients: AzureClients; call: Call; signal?: AbortSignal };

/** Knobs the tests and the bench turn; production uses the defaults. */
export type AzureAdapterSettings = {
  /** Requests in flight during discovery. */
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export function readContext(
  clients: AzureClients,
  settings: AzureAdapterSettings,
  signal?: AbortSignal,
): ReadContext {
  const call: Call = (request) =>
    withRetry(request, {
      explain: explainAzureError,
      retryAfterMs: azureRetryAfterMs,
      signal,
      ...(settings.retryPolicy ? { policy: settings.retryPolicy } : {}),
      ...(settings.sleep ? { sleep: settings.sleep } : {}),
    });
  return { clients, call, signal };
}
