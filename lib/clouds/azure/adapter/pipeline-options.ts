import { rootCertificates } from "node:tls";
import type { AdapterConnection } from "@/lib/clouds/adapter-types";

// One retry rule (lib/clouds/retry.ts, SECURITY.md §4.4 "don't multiply
// retries"): every client and the credential run with the pipeline's own
// retries off, so throttling and transient failures are retried once, by
// withRetry, which honours Retry-After and is bounded. Left on, the pipeline's
// 3 retries would multiply with ours (3 × 5 calls).
export const noSdkRetries = { retryOptions: { maxRetries: 0 } } as const;

/**
 * The connection's CA bundle, trusted in addition to Node's roots through the
 * pipeline's TLS options (Node's `ca` replaces the roots, so they are joined);
 * verification is never turned off.
 */
export function tlsOptionsOf(connection: Pick<AdapterConnection, "caBundle">) {
  return connection.caBundle
    ? { tlsOptions: { ca: [...rootCertificates, connection.caBundle].join("\n") } }
    : {};
}
