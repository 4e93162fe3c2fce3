// Signature verification (SECURITY.md 1.1 steps 5–6, 1.2): the signature
// alone, with jose's compactVerify over a LOCAL key set built from keys Fedlens
// fetched itself. Never the token's jku/x5u/x5c/jwk (jose ignores them unless
// EmbeddedJWK is used, which it is not). Algorithms come from an asymmetric
// allow-list, refused before any key lookup; every failure, jose's errors and
// the plain TypeError/DOMException it throws for weak or odd keys [lab], maps
// to a reason code. Claims are checked separately (claim-checks.ts).
import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet } from "jose";
import { classifyToken } from "@/lib/tokens/classify";
import { candidateKeys, hasPrivateMaterial, type Jwk } from "@/lib/tokens/key-match";
import { normalizeToken } from "@/lib/tokens/normalize";
import { quoteTokenValue, type TokenProblemCode } from "@/lib/tokens/problems";
import { refuse, verdictForError, type Verdict } from "@/lib/tokens/verdict";

export const allowedAlgorithms = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;
export type AllowedAlgorithm = (typeof allowedAlgorithms)[number];

/** A cap on the key set, whatever its source (J30). */
export const maxVerificationKeys = 100;

export type SignatureVerdict = {
  status: "valid" | "invalid" | "unverifiable";
  reason?: TokenProblemCode;
  message: string;
  kid?: string;
  alg?: string;
  warnings: string[];
};

export type VerifyOptions = {
  /** Narrows the allow-list (e.g. to what one cloud accepts); never widens it. */
  algorithms?: readonly AllowedAlgorithm[];
  /** Keys tried when several match (duplicate kid, J7). */
  maxCandidates?: number;
};

type Header = Record<string, unknown>;

/** SECURITY.md J1, J2: refuse none and HMAC before a key is ever looked up. */
function algorithmProblem(header: Header, allowed: readonly string[]): Verdict | undefined {
  const alg = header.alg;
  if (typeof alg !== "string") {
    return refuse(
      "alg_not_allowed",
      "The header has no alg, or it is not a string (RFC 7515 §4.1.1).",
    );
  }
  if (alg.toLowerCase() === "none") return refuse("alg_none");
  if (/^hs/i.test(alg)) {
    return refuse(
      "alg_not_allowed",
      `Symmetric algorithm ${quoteTokenValue(alg)} is not allowed: an HMAC made with an issuer's public key proves nothing (algorithm confusion, RFC 8725 §2.1).`,
    );
  }
  if (!allowed.includes(alg)) {
    return refuse(
      "alg_not_allowed",
      `Algorithm ${quoteTokenValue(alg)} is not allowed; Fedlens verifies ${allowed.join(", ")}.`,
    );
  }
  return undefined;
}

/** RFC 7515 §4.1.11: Fedlens understands no extension, so any crit is refused (J8, J9). */
function critProblem(header: Header): Verdict | undefined {
  if (!("crit" in header)) return undefined;
  const crit = header.crit;
  if (!Array.isArray(crit) || crit.length === 0) {
    return refuse(
      "crit_unsupported",
      "The crit header must be a non-empty array of names (RFC 7515 §4.1.11); the token is refused.",
    );
  }
  if (crit.includes("b64")) {
    return refuse(
      "crit_unsupported",
      "Unencoded payloads (crit b64, RFC 7797) are not allowed in JWTs (RFC 7797 §7).",
    );
  }
  const names = crit.slice(0, 3).map((name) => quoteTokenValue(name, 24));
  return refuse(
    "crit_unsupported",
    `Unsupported critical header ${names.join(", ")}: Fedlens understands no extensions, so the token must be refused (RFC 7515 §4.1.11).`,
  );
}

/** Screens the key set: cap, private material (J30), symmetric keys ignored. */
function usableKeys(jwks: { keys: unknown[] }): { keys: Jwk[]; warnings: string[] } | Verdict {
  const all = Array.isArray(jwks?.keys) ? jwks.keys : [];
  if (all.length > maxVerificationKeys) {
    return refuse(
      "jwks_invalid",
      `The issuer's key set has ${all.length.toLocaleString("en-US")} keys; Fedlens reads at most ${maxVerificationKeys}.`,
    );
  }
  const objects = all.filter(
    (key): key is Jwk => typeof key === "object" && key !== null && !Array.isArray(key),
  );
  const leaking = objects.find(hasPrivateMaterial);
  if (leaking) {
    const kid = typeof leaking.kid === "string" ? ` (kid ${quoteTokenValue(leaking.kid, 24)})` : "";
    return refuse(
      "jwks_invalid",
      `The issuer publishes private key material${kid}: anyone can sign tokens with it, so no signature proves anything.`,
    );
  }
  const keys = objects.filter((key) => key.kty !== "oct");
  const warnings: string[] = [];
  const symmetric = objects.length - keys.length;
  if (symmetric > 0)
    warnings.push(`Ignored ${symmetric} symmetric (oct) key(s) in the issuer's key set.`);
  if (all.length > objects.length)
    warnings.push("Ignored key set entries that are not JSON objects.");
  if (keys.length === 0)
    return refuse("keys_unavailable", "The issuer's key set has no public keys.");
  return { keys, warnings };
}

type PreparedKeys = {
  keys: Jwk[];
  warnings: string[];
  resolver: ReturnType<typeof createLocalJWKSet>;
};

/**
 * Local key sets by content. jose imports each JWK on first use and caches
 * the CryptoKey inside the set, so reusing the set keeps verification as
 * cheap as with a warm key (issue 4 item 7) while the keys stay Fedlens's own.
 */
const resolvers = new Map<string, ReturnType<typeof createLocalJWKSet>>();
const maxResolvers = 64;

function prepareKeys(jwks: { keys: unknown[] }): PreparedKeys | Verdict {
  const screened = usableKeys(jwks);
  if (!("keys" in screened)) return screened;
  const id = JSON.stringify(screened.keys);
  let resolver = resolvers.get(id);
  if (!resolver) {
    resolver = createLocalJWKSet({ keys: screened.keys as JSONWebKeySet["keys"] });
    resolvers.set(id, resolver);
    const oldest = resolvers.keys().next().value;
    if (resolvers.size > maxResolvers && oldest !== undefined) resolvers.delete(oldest);
  }
  return { ...screened, resolver };
}

/** J7: jwtVerify does not iterate duplicate matches; try a bounded number. */
async function verifyWithAnyCandidate(
  text: string,
  error: InstanceType<typeof errors.JWKSMultipleMatchingKeys>,
  algorithms: string[],
  limit: number,
): Promise<Verdict> {
  let tried = 0;
  for await (const key of error) {
    if (tried >= limit) break;
    tried += 1;
    try {
      await compactVerify(text, key, { algorithms });
      return {
        status: "valid",
        message: "The signature matches one of several issuer keys with the same kid.",
        warnings: ["The issuer's key set has several keys matching this token (duplicate kid)."],
      };
    } catch {
      // The next candidate may be the signing key.
    }
  }
  return refuse(
    "multiple_matching_keys",
    `${tried} keys in the issuer's key set match this token (duplicate kid) and none verifies it.`,
  );
}

function rsaExponentWarnings(header: Header, keys: Jwk[]): string[] {
  const key = candidateKeys(header, keys)[0];
  if (key?.kty !== "RSA" || key.e === "AQAB") return [];
  return ["The issuer's RSA key does not use the public exponent 65537 (AQAB)."];
}

/** Verifies the signature of a pasted token against the issuer's keys; never throws. */
export async function verifySignature(
  text: string,
  jwks: { keys: unknown[] },
  options: VerifyOptions = {},
): Promise<SignatureVerdict> {
  let kid: string | undefined;
  let alg: string | undefined;
  // Reported for display and storage (kid ≤ 256, alg ≤ 32 characters, as the
  // diagnosed_token columns); a hostile 10 KB kid is left out, not echoed.
  const noteHeader = (header: Record<string, unknown> | undefined) => {
    if (typeof header?.kid === "string" && header.kid.length <= 256) kid = header.kid;
    if (typeof header?.alg === "string" && header.alg.length <= 32) alg = header.alg;
  };
  const finish = (verdict: Verdict): SignatureVerdict => ({
    ...verdict,
    warnings: verdict.warnings ?? [],
    ...(kid === undefined ? {} : { kid }),
    ...(alg === undefined ? {} : { alg }),
  });
  try {
    const normalized = normalizeToken(text);
    if (!normalized.ok) return finish(refuse(normalized.problem.code, normalized.problem.message));
    const classified = classifyToken(normalized.text);
    if (!classified.ok) {
      noteHeader(classified.problem.header);
      return finish(refuse(classified.problem.code, classified.problem.message));
    }
    const { header, signature } = classified;
    noteHeader(header);
    const algorithms = [...(options.algorithms ?? allowedAlgorithms)].filter((name) =>
      (allowedAlgorithms as readonly string[]).includes(name),
    );
    const refused = algorithmProblem(header, algorithms) ?? critProblem(header);
    if (refused) return finish(refused);
    const prepared = prepareKeys(jwks);
    if (!("keys" in prepared)) return finish(prepared);
    const { keys, warnings, resolver } = prepared;
    try {
      await compactVerify(normalized.text, resolver, { algorithms });
    } catch (error) {
      const verdict =
        error instanceof errors.JWKSMultipleMatchingKeys
          ? await verifyWithAnyCandidate(
              normalized.text,
              error,
              algorithms,
              options.maxCandidates ?? 5,
            )
          : verdictForError(error, header, keys, signature);
      return finish({ ...verdict, warnings: [...warnings, ...(verdict.warnings ?? [])] });
    }
    return finish({
      status: "valid",
      message: "The signature matches the issuer's key.",
      warnings: [...warnings, ...rsaExponentWarnings(header, keys)],
    });
  } catch (error) {
    // A bug of ours must still not turn a pasted token into a 500.
    return finish(verdictForError(error, {}, [], new Uint8Array()));
  }
}
