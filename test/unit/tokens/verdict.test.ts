import { errors } from "jose";
import { describe, expect, it } from "vitest";
import type { TokenProblemCode } from "@/lib/tokens/problems";
import { refuse, verdictForError } from "@/lib/tokens/verdict";

describe("verdictForError", () => {
  // SECURITY.md 1.1: a naive `catch (e) { if (e instanceof JOSEError) … else throw }`
  // turns a weak issuer key into a 500; every class must map to a reason.
  it.each<[string, unknown, "invalid" | "unverifiable", TokenProblemCode]>([
    ["JWKSNoMatchingKey", new errors.JWKSNoMatchingKey(), "invalid", "no_matching_key"],
    [
      "JWKSMultipleMatchingKeys",
      new errors.JWKSMultipleMatchingKeys(),
      "invalid",
      "multiple_matching_keys",
    ],
    [
      "JWSSignatureVerificationFailed",
      new errors.JWSSignatureVerificationFailed(),
      "invalid",
      "signature_invalid",
    ],
    ["JOSEAlgNotAllowed", new errors.JOSEAlgNotAllowed("alg"), "invalid", "alg_not_allowed"],
    [
      "JOSENotSupported for crit",
      new errors.JOSENotSupported('Extension Header Parameter "x" is not recognized'),
      "invalid",
      "crit_unsupported",
    ],
    [
      "JOSENotSupported for a key",
      new errors.JOSENotSupported("Unsupported key curve"),
      "invalid",
      "key_unusable",
    ],
    ["JWKSInvalid", new errors.JWKSInvalid("bad"), "unverifiable", "jwks_invalid"],
    ["JWKInvalid", new errors.JWKInvalid("bad"), "invalid", "key_unusable"],
    ["JWKSTimeout", new errors.JWKSTimeout(), "unverifiable", "keys_unavailable"],
    ["JWSInvalid", new errors.JWSInvalid("Invalid Compact JWS"), "invalid", "malformed"],
    ["JWTInvalid", new errors.JWTInvalid("bad"), "invalid", "malformed"],
    ["JWEInvalid", new errors.JWEInvalid("bad"), "invalid", "malformed"],
    ["JWEDecryptionFailed", new errors.JWEDecryptionFailed(), "invalid", "jwe_not_supported"],
    [
      "JWTClaimValidationFailed",
      new errors.JWTClaimValidationFailed("bad", {}),
      "invalid",
      "claims_invalid",
    ],
    ["JWTExpired", new errors.JWTExpired("expired", {}), "invalid", "claims_invalid"],
    [
      "a weak-key TypeError",
      new TypeError("RS256 requires key modulusLength to be 2048 bits or larger"),
      "invalid",
      "key_unusable",
    ],
    ["another TypeError", new TypeError("Invalid key"), "invalid", "key_unusable"],
    ["a DOMException", new DOMException("Invalid keyData", "DataError"), "invalid", "key_unusable"],
    ["a plain Error", new Error("boom"), "invalid", "key_unusable"],
    ["a thrown string", "boom", "invalid", "key_unusable"],
  ])("maps %s", (_label, error, status, reason) => {
    expect(verdictForError(error)).toMatchObject({ status, reason });
  });

  it("names the error of an unexpected failure without its stack", () => {
    expect(verdictForError(new DOMException("Invalid keyData", "DataError"))).toEqual({
      status: "invalid",
      reason: "key_unusable",
      message: "The issuer's key cannot be used (DataError: Invalid keyData).",
    });
  });

  it("calls only missing or unusable key sets unverifiable", () => {
    expect(refuse("keys_unavailable").status).toBe("unverifiable");
    expect(refuse("jwks_invalid").status).toBe("unverifiable");
    expect(refuse("no_matching_key").status).toBe("invalid");
  });
});
