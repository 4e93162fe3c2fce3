// How strong an issuer's public key is, pasted or fetched (SECURITY.md 1.2
// "RSA < 2048 bits", "EC curve / point"; J24, J25). Node's own JWK import
// (the OpenSSL one jose's verification rests on) decides whether a key can be
// used at all: it refuses an EC point off its curve and malformed members
// [lab: ERR_CRYPTO_INVALID_JWK]. It imports small RSA moduli and any public
// exponent, so those are measured here: jose refuses to verify with RSA keys
// under 2048 bits (TypeError "modulusLength"), and an exponent other than
// 65537 is outside NIST SP 800-56B rev. 2 §6.2 (65537 ≤ e < 2^256).
import { createPublicKey, type JsonWebKey } from "node:crypto";
import type { Jwk } from "@/lib/tokens/key-match";
import { quoteTokenValue } from "@/lib/tokens/problems";

export type KeyAssessment =
  { usable: true; warnings: string[] } | { usable: false; problem: string };

/** RFC 7518 §3.4 (ES256/384/512) and RFC 8037 §3.1 (EdDSA): the signing curves. */
const signingCurves: Record<string, readonly string[]> = {
  EC: ["P-256", "P-384", "P-521"],
  OKP: ["Ed25519", "Ed448"],
};
/** The members node needs, so nothing else in the JWK sways the import. */
const importMembers: Record<string, readonly string[]> = {
  RSA: ["kty", "n", "e"],
  EC: ["kty", "crv", "x", "y"],
  OKP: ["kty", "crv", "x"],
};

export const minimumRsaBits = 2048;
const usualExponent = BigInt(65_537);

function importKey(jwk: Jwk, kty: string) {
  const members = Object.fromEntries(
    (importMembers[kty] ?? []).filter((name) => name in jwk).map((name) => [name, jwk[name]]),
  );
  return createPublicKey({ key: members as JsonWebKey, format: "jwk" });
}

function rsaAssessment(modulusBits: number, exponent: bigint): KeyAssessment {
  if (modulusBits === 0) return { usable: false, problem: "its RSA modulus n is zero" };
  // RFC 8017 §3.1: e is odd and at least 3; no signature verifies under any other.
  if (exponent < BigInt(3) || exponent % BigInt(2) === BigInt(0)) {
    return {
      usable: false,
      problem: `its RSA public exponent e = ${exponent} is not an odd number of at least 3 (RFC 8017 §3.1)`,
    };
  }
  const warnings: string[] = [];
  if (modulusBits < minimumRsaBits) {
    warnings.push(
      `its RSA modulus is ${modulusBits} bits, under ${minimumRsaBits}: Fedlens cannot verify tokens signed with it, and it is too weak to trust`,
    );
  }
  if (exponent !== usualExponent) {
    warnings.push(
      `its RSA public exponent is ${exponent}, not the usual 65537 (NIST SP 800-56B requires at least 65537)`,
    );
  }
  return { usable: true, warnings };
}

/** Whether a public JWK can verify signatures at all, and what is weak about it. */
export function assessKey(jwk: Jwk): KeyAssessment {
  const kty = typeof jwk.kty === "string" ? jwk.kty : "";
  if (!(kty in importMembers)) {
    return { usable: false, problem: `its kty ${quoteTokenValue(jwk.kty)} is not RSA, EC or OKP` };
  }
  const curves = signingCurves[kty];
  if (curves && !curves.includes(jwk.crv as string)) {
    return {
      usable: false,
      problem: `its curve ${quoteTokenValue(jwk.crv)} is not a signing curve (${curves.join(", ")})`,
    };
  }
  let details;
  try {
    details = importKey(jwk, kty).asymmetricKeyDetails ?? {};
  } catch {
    return {
      usable: false,
      problem:
        kty === "EC"
          ? `its point (x, y) is not on curve ${String(jwk.crv)}, or a coordinate has the wrong length`
          : `it is not a valid ${kty} public key`,
    };
  }
  if (kty !== "RSA") return { usable: true, warnings: [] };
  return rsaAssessment(details.modulusLength ?? 0, details.publicExponent ?? BigInt(0));
}

/** "key "k1"" or "key 2" for a key without a kid. */
export function keyLabel(jwk: Jwk, index: number): string {
  return typeof jwk.kid === "string" && jwk.kid !== ""
    ? `Key ${quoteTokenValue(jwk.kid, 24)}`
    : `Key ${index + 1} (no kid)`;
}

/** Every key's findings, as sentences naming the key. */
export function assessKeySet(keys: Jwk[]): { unusable: string[]; warnings: string[] } {
  const unusable: string[] = [];
  const warnings: string[] = [];
  keys.forEach((jwk, index) => {
    const assessment = assessKey(jwk);
    const label = keyLabel(jwk, index);
    if (!assessment.usable) unusable.push(`${label} cannot be used: ${assessment.problem}.`);
    else for (const warning of assessment.warnings) warnings.push(`${label}: ${warning}.`);
  });
  return { unusable, warnings };
}
