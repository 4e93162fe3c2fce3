// The one outbound fetch for OIDC discovery documents and JWKS (SECURITY.md
// §2; issue 4 item 2). Public https issuers on port 443 only; anything else
// (a private or loopback address, plain http, another port) only when the
// admin lists it in FEDLENS_ALLOWED_ISSUER_HOSTS as `host`, `host:port` or a
// CIDR. An allow-listed entry also permits http, which is how tests and
// lab setups reach a loopback issuer. TLS certificate checks always apply.
import "server-only";
import { getEnv } from "@/lib/env";
import { fetchJsonGuarded, type SafeFetchResult } from "./ssrf/fetch-json";

export type { SafeFetchResult };

export type SafeFetchOptions = {
  /** Cap on the response body, counted as it streams in. Default 256 KiB. */
  maxBytes?: number;
  /** One deadline for connect, headers and body. Default 5 s. */
  timeoutMs?: number;
};

export const SAFE_FETCH_DEFAULTS = { maxBytes: 256 * 1024, timeoutMs: 5_000 } as const;

const positiveOr = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;

/**
 * GETs `url` and parses its JSON body. Never throws: a refusal or failure is
 * `{ ok: false, error }` with a short message an operator can act on.
 */
export async function safeFetchJson(
  url: string,
  options: SafeFetchOptions = {},
): Promise<SafeFetchResult> {
  let allowList: readonly string[];
  try {
    const env = getEnv();
    if (env.FEDLENS_FETCH_ISSUER_KEYS === "off") {
      return {
        ok: false,
        error:
          "fetching issuer documents is turned off (FEDLENS_FETCH_ISSUER_KEYS=off); catalogue the issuer with its keys pasted instead",
        latencyMs: 0,
      };
    }
    allowList = env.FEDLENS_ALLOWED_ISSUER_HOSTS;
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      latencyMs: 0,
    };
  }
  try {
    return await fetchJsonGuarded(url, {
      allowList,
      maxBytes: positiveOr(options.maxBytes, SAFE_FETCH_DEFAULTS.maxBytes),
      timeoutMs: positiveOr(options.timeoutMs, SAFE_FETCH_DEFAULTS.timeoutMs),
    });
  } catch (error) {
    // fetchJsonGuarded maps every failure it knows; this is the last net.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `could not fetch: ${message}`, latencyMs: 0 };
  }
}
