import { Agent } from "node:https";
import { createSecureContext, rootCertificates } from "node:tls";
import type { AdapterConnection } from "@/lib/clouds/adapter-types";

// One retry rule (lib/clouds/retry.ts, SECURITY.md §4.4 "don't multiply
// retries"): every client and the credential run with the pipeline's own
// retries off, so throttling and transient failures are retried once, by
// withRetry, which honours Retry-After and is bounded. Left on, the pipeline's
// 3 retries would multiply with ours (3 × 5 calls).
export const noSdkRetries = { retryOptions: { maxRetries: 0 } } as const;

// The connection's CA bundle is trusted in addition to Node's roots (Node's
// `ca` replaces the roots, so they are joined); verification is never off.
const trusted = (caBundle: string) => [...rootCertificates, caBundle].join("\n");

/** For the ambient credential (a handful of connections): the pipeline's TLS options. */
export function tlsOptionsOf(connection: Pick<AdapterConnection, "caBundle">) {
  return connection.caBundle ? { tlsOptions: { ca: trusted(connection.caBundle) } } : {};
}

// For ARM, Graph and the client-secret credential, which open a connection per request in flight: one
// keep-alive agent per bundle whose trust store is parsed once. Given as a
// plain `ca`, Node parses the ~150 roots again for every new TLS connection.
const agents = new Map<string, Agent>();
const maxAgents = 32;

export function httpsAgentOf(connection: Pick<AdapterConnection, "caBundle">) {
  const bundle = connection.caBundle;
  if (!bundle) return {};
  let agent = agents.get(bundle);
  if (!agent) {
    if (agents.size >= maxAgents) {
      const [oldest] = agents.keys();
      if (oldest !== undefined) agents.get(oldest)?.destroy();
      if (oldest !== undefined) agents.delete(oldest);
    }
    agent = new Agent({
      keepAlive: true,
      secureContext: createSecureContext({ ca: trusted(bundle) }),
    });
    agents.set(bundle, agent);
  }
  return { agent };
}
