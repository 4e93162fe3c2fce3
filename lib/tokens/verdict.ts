// Verdict pieces shared by verify.ts: the reason code, its status and the
// operator message, and the mapping from anything jose can throw.
import { errors } from "jose";
import { looksDerEncoded } from "@/lib/tokens/decode";
import {
  candidateKeys,
  explainNoMatchingKey,
  rsaModulusBits,
  type Jwk,
} from "@/lib/tokens/key-match";
import { tokenProblemMessages, type TokenProblemCode } from "@/lib/tokens/problems";

export type Verdict = {
  status: "valid" | "invalid" | "unverifiable";
  reason?: TokenProblemCode;
  message: string;
  warnings?: string[];
};

type Header = Record<string, unknown>;

/** "unverifiable" when the issuer's keys are missing or unusable as a set, else "invalid". */
export const refuse = (
  reason: TokenProblemCode,
  message: string = tokenProblemMessages[reason],
): Verdict => ({
  status: reason === "keys_unavailable" || reason === "jwks_invalid" ? "unverifiable" : "invalid",
  reason,
  message,
});

/**
 * Maps whatever compactVerify or a key import can throw to a reason code
 * (SECURITY.md 1.1): every jose error class, and the plain TypeError and
 * DOMException it throws for weak or malformed keys [lab]. Never rethrows.
 */
export function verdictForError(
  error: unknown,
  header: Header = {},
  keys: Jwk[] = [],
  signature: Uint8Array = new Uint8Array(),
): Verdict {
  const message = error instanceof Error ? error.message.slice(0, 120) : "";
  if (error instanceof errors.JWKSNoMatchingKey) {
    return refuse("no_matching_key", explainNoMatchingKey(header, keys));
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) return refuse("multiple_matching_keys");
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    const der = looksDerEncoded(header.alg, signature)
      ? " The signature looks DER-encoded; JOSE requires the raw r‖s form (RFC 7518 §3.4)."
      : "";
    const embedded = "jwk" in header ? " The token's own jwk header is ignored." : "";
    return refuse(
      "signature_invalid",
      `${tokenProblemMessages.signature_invalid}${der}${embedded}`,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refuse("alg_not_allowed");
  if (error instanceof errors.JOSENotSupported) {
    return /Extension Header/.test(message)
      ? refuse("crit_unsupported")
      : refuse("key_unusable", `The issuer's key is not supported (${message}).`);
  }
  if (error instanceof errors.JWKSInvalid) return refuse("jwks_invalid");
  if (error instanceof errors.JWKInvalid) {
    return refuse("key_unusable", `The issuer's key is not a valid JWK (${message}).`);
  }
  if (error instanceof errors.JWKSTimeout) return refuse("keys_unavailable");
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JWEInvalid
  ) {
    return refuse("malformed", `The token is malformed: ${message}.`);
  }
  if (error instanceof errors.JWEDecryptionFailed) return refuse("jwe_not_supported");
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
    return refuse("claims_invalid", `The token's claims are invalid: ${message}.`);
  }
  if (error instanceof TypeError && /modulusLength/.test(message)) {
    const key = candidateKeys(header, keys)[0];
    const bits = key ? rsaModulusBits(key) : undefined;
    return refuse(
      "key_unusable",
      `The issuer's key is too weak${bits === undefined ? "" : ` (${bits} bits)`}; RSA keys need 2048 bits or more.`,
    );
  }
  // Anything else (a DOMException for an off-curve point, a TypeError for an
  // unusable key, an error we do not expect) is the key's fault, never a 500.
  const name = error instanceof Error ? error.name : "unknown error";
  return refuse(
    "key_unusable",
    `The issuer's key cannot be used (${name}${message ? `: ${message}` : ""}).`,
  );
}
