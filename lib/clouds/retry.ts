import { CloudCallError, type CloudError } from "@/lib/clouds/adapter-types";

// One retry rule for every adapter (SECURITY.md §4): throttling and transient
// failures are retried with exponential backoff and full jitter, waiting at
// least what the cloud's Retry-After asked for, a bounded number of times.
// Everything else (denied, not found, invalid) fails at once.

export type RetryPolicy = {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
};

const retryableKinds = new Set<CloudError["kind"]>(["throttled", "unavailable", "network"]);

export function isRetryable(error: CloudError): boolean {
  return retryableKinds.has(error.kind);
}

/** Seconds or an HTTP date, as RFC 9110 §10.2.3 allows; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (value == null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export type RetryContext = {
  /** Maps whatever the call threw to a CloudError (the adapter's explain). */
  explain: (error: unknown) => CloudError;
  /** The cloud's Retry-After for this failure, in ms, if it sent one. */
  retryAfterMs?: (error: unknown) => number | null;
  policy?: RetryPolicy;
  signal?: AbortSignal;
  /** Injected in tests so they do not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
};

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Runs `call`, retrying retryable failures; throws CloudCallError with the last mapped error. */
export async function withRetry<T>(call: () => Promise<T>, context: RetryContext): Promise<T> {
  const policy = context.policy ?? defaultRetryPolicy;
  const sleep = context.sleep ?? defaultSleep;
  const random = context.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const mapped = error instanceof CloudCallError ? error.cloudError : context.explain(error);
      if (!isRetryable(mapped) || attempt >= policy.attempts || context.signal?.aborted) {
        throw error instanceof CloudCallError ? error : new CloudCallError(mapped);
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const asked = context.retryAfterMs?.(error) ?? 0;
      await sleep(Math.min(policy.maxDelayMs, Math.max(asked, random() * backoff)), context.signal);
    }
  }
}
