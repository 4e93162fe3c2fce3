// One fetch of an issuer's key set, through the fetch it is given (the
// SSRF-safe one in production): the JWKS override, else OIDC discovery's
// jwks_uri. The discovery document's issuer must equal the catalogued URL
// exactly (OIDC Discovery 1.0 §4.3; RFC 8414 §3.3); a mismatch is noted, not
// fatal, because Fedlens looks keys up by the catalogued issuer anyway and the
// operator needs to see the difference. The key set is screened before it is
// stored (SECURITY.md J30): key-count cap, no private material, no oct keys.
import type { Jwk } from "@/lib/tokens/key-match";
import { quoteTokenValue } from "@/lib/tokens/problems";
import { screenKeySet } from "@/lib/tokens/screen-key-set";
import { isRecord } from "@/lib/json/is-record";

export type FetchJson = (
  url: string,
  options?: { maxBytes?: number; timeoutMs?: number },
) => Promise<
  | { ok: true; status: number; json: unknown; warning?: string; latencyMs: number }
  | { ok: false; status?: number; error: string; latencyMs: number }
>;

export type KeySetFetch =
  | {
      ok: true;
      jwksUri: string;
      keys: Jwk[];
      httpStatus: number;
      latencyMs: number;
      note: string | null;
    }
  | {
      ok: false;
      jwksUri: string | null;
      httpStatus: number | null;
      latencyMs: number;
      error: string;
    };

export const discoveryMaxBytes = 256 * 1024;
export const jwksMaxBytes = 1024 * 1024;
const maxJwksUriLength = 2048;

/** The notes worth showing beside a successful fetch, in one line; null when there are none. */
function joinNotes(...notes: (string | null | undefined)[]): string | null {
  const present = notes.filter((note): note is string => Boolean(note));
  return present.length > 0 ? present.join("; ") : null;
}

/** OIDC Discovery 1.0 §4: drop a terminating "/" before appending the well-known path. */
export function discoveryUrl(issuerUrl: string): string {
  return `${issuerUrl.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

type JwksLocation =
  | { ok: true; jwksUri: string; latencyMs: number; note: string | null }
  | Extract<KeySetFetch, { ok: false }>;

async function locateJwks(
  issuer: { issuerUrl: string; jwksUri: string | null },
  fetchJson: FetchJson,
): Promise<JwksLocation> {
  if (issuer.jwksUri) return { ok: true, jwksUri: issuer.jwksUri, latencyMs: 0, note: null };
  const url = discoveryUrl(issuer.issuerUrl);
  const response = await fetchJson(url, { maxBytes: discoveryMaxBytes });
  const failed = (error: string, httpStatus = response.status ?? null): JwksLocation => ({
    ok: false,
    jwksUri: null,
    httpStatus,
    latencyMs: response.latencyMs,
    error: `discovery ${url}: ${error}`,
  });
  if (!response.ok) return failed(response.error);
  const document = response.json;
  if (!isRecord(document)) return failed("the discovery document is not a JSON object");
  const jwksUri = document.jwks_uri;
  if (typeof jwksUri !== "string" || jwksUri === "") {
    return failed("the discovery document has no jwks_uri");
  }
  if (jwksUri.length > maxJwksUriLength) {
    return failed(`jwks_uri is longer than ${maxJwksUriLength} characters`);
  }
  const mismatch =
    document.issuer === issuer.issuerUrl
      ? null
      : `discovery names the issuer ${quoteTokenValue(document.issuer, 120)}, not the catalogued ${quoteTokenValue(issuer.issuerUrl, 120)}; OIDC Discovery 1.0 §4.3 requires them to be identical`;
  const note = joinNotes(mismatch, response.warning && `discovery ${url} ${response.warning}`);
  return { ok: true, jwksUri, latencyMs: response.latencyMs, note };
}

export async function fetchIssuerKeySet(
  issuer: { issuerUrl: string; jwksUri: string | null },
  fetchJson: FetchJson,
): Promise<KeySetFetch> {
  const location = await locateJwks(issuer, fetchJson);
  if (!location.ok) return location;
  const response = await fetchJson(location.jwksUri, { maxBytes: jwksMaxBytes });
  const latencyMs = location.latencyMs + response.latencyMs;
  const failed = (error: string): KeySetFetch => ({
    ok: false,
    jwksUri: location.jwksUri,
    httpStatus: response.status ?? null,
    latencyMs,
    error: `JWKS ${location.jwksUri}: ${error}`,
  });
  if (!response.ok) return failed(response.error);
  const screened = screenKeySet(response.json);
  if (!screened.ok) return failed(screened.error);
  return {
    ok: true,
    jwksUri: location.jwksUri,
    keys: screened.keys,
    httpStatus: response.status,
    latencyMs,
    note: joinNotes(
      location.note,
      response.warning && `JWKS ${location.jwksUri} ${response.warning}`,
      screened.note,
    ),
  };
}
