// Explains which of the issuer's keys could verify a token and why the others
// cannot, mirroring jose's JWKS candidate filter (jwks/local.ts: kty, kid by
// exact string compare, alg, use "sig", key_ops "verify", crv). jose only says
// "no applicable key"; operators need to know which rule failed (J25).
import { quoteTokenValue } from "@/lib/tokens/problems";
import { decodeBase64UrlSegment } from "@/lib/tokens/segment-decoding";

export type Jwk = Record<string, unknown>;

type KeyNeed = { kty: string; crv?: string[]; label: string };

/** RFC 7518 §3.1 and RFC 8037 §3.1: the key each allowed algorithm needs. */
export function keyNeededFor(alg: string): KeyNeed | undefined {
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return { kty: "RSA", label: "an RSA key" };
  const curves: Record<string, string> = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };
  const curve = curves[alg];
  if (curve) return { kty: "EC", crv: [curve], label: `an EC key on ${curve}` };
  if (alg === "EdDSA")
    return { kty: "OKP", crv: ["Ed25519", "Ed448"], label: "an Ed25519 or Ed448 key" };
  return undefined;
}

/** Private members of JWKs (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
const privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth"];

export function hasPrivateMaterial(jwk: Jwk): boolean {
  return privateMembers.some((member) => member in jwk);
}

/** Modulus size of an RSA JWK in bits, or undefined when `n` is unreadable. */
export function rsaModulusBits(jwk: Jwk): number | undefined {
  if (typeof jwk.n !== "string") return undefined;
  const decoded = decodeBase64UrlSegment(jwk.n);
  if (!decoded.ok) return undefined;
  const bytes = decoded.bytes;
  let first = 0;
  while (first < bytes.length && bytes[first] === 0) first += 1;
  if (first === bytes.length) return 0;
  return (bytes.length - first) * 8 - (Math.clz32(bytes[first] as number) - 24);
}

/** Why one key cannot verify `alg`, or undefined when it can. */
function mismatch(jwk: Jwk, alg: string, need: KeyNeed): string | undefined {
  if (jwk.kty !== need.kty)
    return `is ${quoteTokenValue(jwk.kty)} (kty); ${alg} needs ${need.label}`;
  if (need.crv && !need.crv.includes(jwk.crv as string)) {
    return `is on curve ${quoteTokenValue(jwk.crv)}; ${alg} needs ${need.label}`;
  }
  if (jwk.alg !== undefined && jwk.alg !== alg)
    return `is for alg ${quoteTokenValue(jwk.alg)}, not ${alg}`;
  if (jwk.use !== undefined && jwk.use !== "sig") {
    return `is for use ${quoteTokenValue(jwk.use)}, not "sig" (RFC 7517 §4.2)`;
  }
  if (
    jwk.key_ops !== undefined &&
    !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes("verify"))
  ) {
    return 'has key_ops without "verify" (RFC 7517 §4.3)';
  }
  return undefined;
}

function listKids(keys: Jwk[]): string {
  const kids = keys.map((jwk) => jwk.kid).filter((kid) => typeof kid === "string");
  if (kids.length === 0) return "none of its keys has a kid";
  const shown = kids.slice(0, 5).map((kid) => quoteTokenValue(kid, 24));
  return `its kids are ${shown.join(", ")}${kids.length > 5 ? ` and ${kids.length - 5} more` : ""}`;
}

/** The message for jose's JWKSNoMatchingKey, naming the rule that failed. */
export function explainNoMatchingKey(header: Record<string, unknown>, keys: Jwk[]): string {
  const alg = String(header.alg);
  const need = keyNeededFor(alg);
  const kid = header.kid;
  if (kid !== undefined && typeof kid !== "string") {
    return `The token's kid is ${kid === null ? "null" : `a ${typeof kid}`}, not a string, so no key can match it.`;
  }
  if (typeof kid === "string") {
    const same = keys.filter((jwk) => jwk.kid === kid);
    if (same.length === 0) {
      return `No key with kid ${quoteTokenValue(kid)} in the issuer's key set (${keys.length} ${keys.length === 1 ? "key" : "keys"}; ${listKids(keys)}).`;
    }
    const reason = need ? mismatch(same[0] as Jwk, alg, need) : undefined;
    return `The issuer's key ${quoteTokenValue(kid)} cannot verify this token: it ${reason ?? "was not accepted"}.`;
  }
  return `The token has no kid, and no key in the issuer's key set fits ${alg}${need ? ` (it needs ${need.label})` : ""}.`;
}

/** Keys that could verify the token, by the same rules as jose. */
export function candidateKeys(header: Record<string, unknown>, keys: Jwk[]): Jwk[] {
  const alg = String(header.alg);
  const need = keyNeededFor(alg);
  if (!need) return [];
  return keys.filter(
    (jwk) =>
      (header.kid === undefined || jwk.kid === header.kid) &&
      mismatch(jwk, alg, need) === undefined,
  );
}
