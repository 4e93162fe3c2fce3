// Unverified decode for display (SECURITY.md 1.1 step 4, 0.2 "decode ≠
// verify"): header and claims as the token states them, marked unverified,
// with warnings about what in them must not be trusted. The SHA-256 of the
// normalised text is the one stable name for a token (step 2); the token
// itself is never kept.
import { classifyToken } from "@/lib/tokens/classify";
import { normalizeToken } from "@/lib/tokens/normalize";
import type { TokenProblem } from "@/lib/tokens/problems";
import { sha256Hex } from "@/lib/tokens/sha256";

export type TokenWarningCode =
  "alg_none" | "untrusted_key_header" | "empty_signature" | "der_signature" | "lone_surrogate";

export type TokenWarning = { code: TokenWarningCode; message: string };

export type DecodedToken = {
  ok: true;
  kind: "jws";
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Lower-case hex SHA-256 of the normalised token text. */
  sha256: string;
  unverified: true;
  warnings: TokenWarning[];
};

export type DecodeResult = DecodedToken | { ok: false; problem: TokenProblem };

/** Raw r‖s sizes (RFC 7518 §3.4). */
const rawEcdsaLength: Record<string, number> = { ES256: 64, ES384: 96, ES512: 132 };
const keyHeaders = ["jwk", "jku", "x5u", "x5c"];
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasLoneSurrogate(value: unknown, depth = 0): boolean {
  // Depth is already capped at 32 by the strict parser; the bound is a backstop.
  if (depth > 64) return false;
  if (typeof value === "string") return loneSurrogate.test(value);
  if (Array.isArray(value)) return value.some((item) => hasLoneSurrogate(item, depth + 1));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(
      ([key, item]) => loneSurrogate.test(key) || hasLoneSurrogate(item, depth + 1),
    );
  }
  return false;
}

/** Sees whether the signature looks DER-encoded, a common ECDSA mistake (J26). */
export function looksDerEncoded(alg: unknown, signature: Uint8Array): boolean {
  const raw = typeof alg === "string" ? rawEcdsaLength[alg] : undefined;
  return raw !== undefined && signature.length !== raw && signature[0] === 0x30;
}

function warningsFor(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signature: Uint8Array,
): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  if (typeof header.alg === "string" && header.alg.toLowerCase() === "none") {
    warnings.push({
      code: "alg_none",
      message: 'Unsigned token (alg "none"): anyone can write one, and no cloud accepts it.',
    });
  }
  const present = keyHeaders.filter((name) => name in header);
  if (present.length > 0) {
    warnings.push({
      code: "untrusted_key_header",
      message: `The ${present.join(", ")} header ${present.length > 1 ? "parameters are" : "parameter is"} ignored: Fedlens takes keys only from the catalogued issuer, never from the token.`,
    });
  }
  if (signature.length === 0) {
    warnings.push({ code: "empty_signature", message: "The token has no signature." });
  } else if (looksDerEncoded(header.alg, signature)) {
    warnings.push({
      code: "der_signature",
      message: "The signature looks DER-encoded; JOSE requires the raw r‖s form (RFC 7518 §3.4).",
    });
  }
  if (hasLoneSurrogate(header) || hasLoneSurrogate(claims)) {
    warnings.push({
      code: "lone_surrogate",
      message:
        "A string holds an unpaired UTF-16 surrogate (a \\uD800-style escape), shown as its code point; it is not valid Unicode text, and other parsers may read it differently.",
    });
  }
  return warnings;
}

/** Normalises, classifies and decodes a pasted token without verifying it. */
export function decodeUnverified(input: string): DecodeResult {
  const normalized = normalizeToken(input);
  if (!normalized.ok) return normalized;
  const classified = classifyToken(normalized.text);
  if (!classified.ok) return classified;
  const { header, claims, signature } = classified;
  return {
    ok: true,
    kind: "jws",
    header,
    claims,
    sha256: sha256Hex(normalized.text),
    unverified: true,
    warnings: warningsFor(header, claims, signature),
  };
}
