// How the emulated token endpoints (Entra, AWS STS, GCP STS) check the
// workload's JWT before they look at their trust objects. Deliberately
// written apart from lib/ (the point of an emulator is to cross-check
// Fedlens, so it must not share its verifier) and kept to the rules every
// cloud documents for OIDC federation:
// - the issuer's discovery document is fetched from `iss` +
//   "/.well-known/openid-configuration" and must name the same issuer
//   (OpenID Connect Discovery 1.0 §4.3,
//   https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationValidation);
// - the signature is checked with the key of the header's kid in the
//   document's jwks_uri (RFC 7515, RFC 7517);
// - exp and nbf are checked with a small leeway (RFC 7519 §4.1.4-4.1.5).
// Each emulator maps the failure reasons to its own cloud's error body.
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWTPayload } from "jose";

export type AssertionFailure =
  | "malformed"
  | "unsupported-algorithm"
  | "discovery-failed"
  | "issuer-mismatch"
  | "unknown-key"
  | "bad-signature"
  | "expired"
  | "not-yet-valid"
  | "missing-claim";

export type AssertionCheck =
  | { ok: true; claims: JWTPayload & Record<string, unknown>; alg: string }
  | { ok: false; reason: AssertionFailure; detail: string; claims?: Record<string, unknown> };

export type AssertionRules = {
  /** JOSE algorithms the cloud accepts (Entra: RS256 only; AWS and GCP: RS256 and ES256…). */
  algorithms: readonly string[];
  /** Seconds of clock skew tolerated on exp and nbf. */
  leewaySeconds?: number;
  /** Replaces fetch for discovery and JWKS (tests of the emulator itself). */
  fetchJson?: (url: string) => Promise<unknown>;
};

async function defaultFetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

function fail(reason: AssertionFailure, detail: string, claims?: Record<string, unknown>) {
  return { ok: false as const, reason, detail, ...(claims ? { claims } : {}) };
}

/** Checks `token` the way a cloud's token endpoint does before any trust object is consulted. */
export async function checkAssertion(
  token: string,
  rules: AssertionRules,
): Promise<AssertionCheck> {
  const fetchJson = rules.fetchJson ?? defaultFetchJson;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: JWTPayload & Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token) as JWTPayload & Record<string, unknown>;
  } catch {
    return fail("malformed", "The assertion is not a signed JWT.");
  }
  const alg = typeof header.alg === "string" ? header.alg : "";
  if (!rules.algorithms.includes(alg))
    return fail(
      "unsupported-algorithm",
      `The algorithm ${alg || "(none)"} is not accepted.`,
      claims,
    );
  for (const claim of ["iss", "sub", "aud", "exp"] as const) {
    if (claims[claim] === undefined)
      return fail("missing-claim", `The assertion has no ${claim} claim.`, claims);
  }
  const issuer = String(claims.iss);
  let jwksUri: string;
  let keys: Record<string, unknown>[];
  try {
    const discovery = (await fetchJson(
      `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    )) as { issuer?: unknown; jwks_uri?: unknown };
    if (discovery.issuer !== issuer)
      return fail("issuer-mismatch", `Discovery names issuer ${String(discovery.issuer)}.`, claims);
    if (typeof discovery.jwks_uri !== "string")
      return fail("discovery-failed", "Discovery has no jwks_uri.", claims);
    jwksUri = discovery.jwks_uri;
    const jwks = (await fetchJson(jwksUri)) as { keys?: unknown };
    keys = Array.isArray(jwks.keys) ? (jwks.keys as Record<string, unknown>[]) : [];
  } catch (error) {
    return fail(
      "discovery-failed",
      `The issuer's keys could not be read: ${String(error)}`,
      claims,
    );
  }
  const jwk = keys.find((key) => key.kid === header.kid && (!key.alg || key.alg === alg));
  if (!jwk) return fail("unknown-key", `No key ${String(header.kid)} at ${jwksUri}.`, claims);
  try {
    const key = await importJWK(jwk, alg);
    await jwtVerify(token, key, {
      algorithms: [alg],
      clockTolerance: rules.leewaySeconds ?? 60,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWT_EXPIRED") return fail("expired", "The assertion has expired.", claims);
    if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && (error as { claim?: string }).claim === "nbf")
      return fail("not-yet-valid", "The assertion is not valid yet.", claims);
    return fail("bad-signature", "The assertion's signature does not verify.", claims);
  }
  return { ok: true, claims, alg };
}
