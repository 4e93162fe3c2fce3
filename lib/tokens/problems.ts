// The closed set of reasons a pasted token is refused or not verified
// (SECURITY.md 1.1–1.3). Messages are written for operators and never carry
// more than a few characters of token material (CONVENTIONS 15, 16).

export const tokenProblemCodes = [
  "too_large",
  "malformed",
  "duplicate_key",
  "jwe_not_supported",
  "json_serialization_not_supported",
  "nested_jwt",
  "alg_none",
  "alg_not_allowed",
  "crit_unsupported",
  "no_matching_key",
  "multiple_matching_keys",
  "signature_invalid",
  "key_unusable",
  "jwks_invalid",
  "claims_invalid",
  "keys_unavailable",
] as const;

export type TokenProblemCode = (typeof tokenProblemCodes)[number];

export type TokenProblem = {
  code: TokenProblemCode;
  message: string;
  /** HTTP status when the problem ends the request: 413 for too_large, else 422. */
  status: 413 | 422;
  /** 1-based character position in the normalised token, when one is to blame. */
  position?: number;
  /** The decoded protected header, when it could be read (JWE, nested JWT). */
  header?: Record<string, unknown>;
};

export const tokenProblemMessages: Record<TokenProblemCode, string> = {
  too_large: "The token is larger than 16 KiB; workload tokens are 1–3 KiB.",
  malformed: "This is not a well-formed JWT.",
  duplicate_key:
    "Ambiguous token: a name appears twice; parsers differ on which one wins (RFC 7515 §4, RFC 7519 §4).",
  jwe_not_supported:
    "Encrypted token (JWE); Fedlens does not decrypt, and clouds expect a signed JWT.",
  json_serialization_not_supported:
    "JWS JSON serialization; clouds expect the compact form header.payload.signature (RFC 7515 §7.1).",
  nested_jwt: "Nested JWT (cty: JWT); Fedlens does not unwrap nested tokens.",
  alg_none: 'Unsigned token (alg "none"); no cloud accepts it.',
  alg_not_allowed:
    "The token's algorithm is not allowed; Fedlens verifies asymmetric signatures only.",
  crit_unsupported:
    "Unsupported critical header (crit); the token must be refused (RFC 7515 §4.1.11).",
  no_matching_key: "No key in the issuer's key set matches the token.",
  multiple_matching_keys:
    "Several keys in the issuer's key set match the token and none verifies it.",
  signature_invalid: "The signature does not match the issuer's key.",
  key_unusable: "The issuer's key cannot be used to verify this token.",
  jwks_invalid: "The issuer's key set is unusable.",
  claims_invalid: "The token's claims are invalid.",
  keys_unavailable: "The issuer's keys are not available.",
};

export function tokenProblemStatus(code: TokenProblemCode): 413 | 422 {
  return code === "too_large" ? 413 : 422;
}

export function tokenProblem(
  code: TokenProblemCode,
  message: string = tokenProblemMessages[code],
  extra: Pick<TokenProblem, "position" | "header"> = {},
): TokenProblem {
  return { code, message, status: tokenProblemStatus(code), ...extra };
}

/**
 * Quotes a value taken from a token for a message: JSON-escaped (so control
 * and bidi characters show as escapes) and cut to a few characters.
 */
export function quoteTokenValue(value: unknown, max = 40): string {
  const text = typeof value === "string" ? value : String(JSON.stringify(value));
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(short).replace(
    /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
