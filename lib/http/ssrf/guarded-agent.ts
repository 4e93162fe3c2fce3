// An undici Agent whose every connection is checked against the SSRF rules at
// connect time (SECURITY.md §2.3): names through a `lookup` that refuses when
// any answer is not allowed (so the socket only ever sees checked addresses
// and DNS rebinding has nothing to race), IP literals in the connector itself
// because undici skips `lookup` for them [lab]. TLS stays on the host name.
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { Agent, buildConnector } from "undici";
import type { AllowList } from "./allow-list";
import { refuseAddress, type Target } from "./target-policy";

/** A connection the SSRF rules refused; its message is for the operator. */
export class SsrfRefusal extends Error {
  override name = "SsrfRefusal";
}

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export type GuardedAgentOptions = {
  target: Target;
  allowList: AllowList;
  timeoutMs: number;
  /** Name resolution; the system resolver unless a test stands in for DNS. */
  resolve?: Resolve;
  /** Extra TLS options, e.g. a test's own CA; never used to weaken checks. */
  tls?: Pick<ConnectionOptions, "ca">;
};

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, order: "verbatim" });

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function guardedLookup({ target, allowList, resolve = systemResolve }: GuardedAgentOptions) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (answers) => {
        // Refuse if ANY answer is refused, of either family: a name that mixes
        // a public and a private address is an attack, not a setup to route
        // around.
        for (const answer of answers) {
          const refusal = refuseAddress(target, answer.address, allowList);
          if (refusal) return callback(new SsrfRefusal(refusal), []);
        }
        const family =
          options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
        const usable = family ? answers.filter((answer) => answer.family === family) : answers;
        const first = usable[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
          error.code = "ENOTFOUND";
          return callback(error, []);
        }
        if (options.all) return callback(null, usable);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

/** One Agent per fetch: the rules it enforces belong to that fetch's target. */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const { target, allowList, timeoutMs } = options;
  const connectName = buildConnector({
    ...options.tls,
    lookup: guardedLookup(options),
    timeout: timeoutMs,
  });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    // One Agent serves one URL and never follows redirects, so any other host
    // here is a bug to stop, not a connection to make.
    if (connectOptions.hostname !== target.host) {
      return callback(new SsrfRefusal(`refused: unexpected host ${connectOptions.hostname}`), null);
    }
    if (isIP(connectOptions.hostname)) {
      const refusal = refuseAddress(target, connectOptions.hostname, allowList);
      if (refusal) return callback(new SsrfRefusal(refusal), null);
    }
    connectName(connectOptions, callback);
  };
  return new Agent({
    connect,
    connections: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}
