// The key-health DTO, apart from its server-only query so the page's client
// components can take it as a prop type.

export type KeySummary = {
  kid: string | null;
  kty: string | null;
  alg: string | null;
  /** Why no token can be verified with this key, when it cannot. */
  problem: string | null;
  /** What is weak about it (short RSA modulus, unusual exponent). */
  warnings: string[];
};

export type TIssuerKeyHealth = {
  checkedAt: string;
  /** When the keys held were fetched; null when none was ever fetched (or the source changed). */
  fetchedAt: string | null;
  ok: boolean;
  httpStatus: number | null;
  latencyMs: number | null;
  /** The JWKS URL the keys came from (the override, or discovery's jwks_uri). */
  jwksUri: string | null;
  /** The last failure, or a note on a success. */
  lastError: string | null;
  keyCount: number;
  keys: KeySummary[];
};
