import { beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/tokens/verify";
import {
  claimsAt,
  forge,
  generateTestKeys,
  signerFor,
  type TestKey,
  type TestKeys,
} from "@/test/unit/tokens/support/forge";

let keys: TestKeys;
beforeAll(async () => {
  keys = await generateTestKeys();
});

const signed = (alg: string, key: TestKey, header: object = {}, claims: object = claimsAt()) =>
  forge({ alg, kid: key.jwk.kid, ...header }, claims, signerFor(alg, key.privateKey));
const jwksOf = (...jwks: unknown[]) => ({ keys: jwks });

describe("verifySignature: valid signatures", () => {
  it.each([
    ["RS256", "rsa"],
    ["RS384", "rsa"],
    ["RS512", "rsa"],
    ["PS256", "rsa"],
    ["PS512", "rsa"],
    ["ES256", "ec256"],
    ["ES384", "ec384"],
    ["EdDSA", "ed25519"],
  ] as const)("verifies %s with the issuer's %s key", async (alg, name) => {
    const key = keys[name];
    const token = signed(alg, key);
    expect(await verifySignature(token, jwksOf(key.jwk))).toEqual({
      status: "valid",
      message: "The signature matches the issuer's key.",
      kid: key.jwk.kid,
      alg,
      warnings: [],
    });
  });

  it("picks the right key among several by kid", async () => {
    const token = signed("RS256", keys.rsaOther);
    const verdict = await verifySignature(
      token,
      jwksOf(keys.rsa.jwk, keys.ec256.jwk, keys.rsaOther.jwk),
    );
    expect(verdict).toMatchObject({ status: "valid", kid: "rsa-2" });
  });

  it("verifies a token without kid when one key fits", async () => {
    const token = forge({ alg: "ES256" }, claimsAt(), signerFor("ES256", keys.ec256.privateKey));
    expect(await verifySignature(token, jwksOf(keys.rsa.jwk, keys.ec256.jwk))).toMatchObject({
      status: "valid",
    });
  });

  it("verifies after normalising a pasted Bearer value", async () => {
    const token = signed("RS256", keys.rsa);
    expect(await verifySignature(`Bearer ${token}\n`, jwksOf(keys.rsa.jwk))).toMatchObject({
      status: "valid",
    });
  });

  it("checks the signature only: an expired token still has a valid signature", async () => {
    const token = signed("RS256", keys.rsa, {}, claimsAt({ exp: 1, iat: 0, nbf: 0 }));
    expect(await verifySignature(token, jwksOf(keys.rsa.jwk))).toMatchObject({ status: "valid" });
  });

  it("warns about an RSA key whose exponent is not 65537 (J24)", async () => {
    const token = signed("RS256", keys.rsaExponent3);
    expect(await verifySignature(token, jwksOf(keys.rsaExponent3.jwk))).toMatchObject({
      status: "valid",
      warnings: ["The issuer's RSA key does not use the public exponent 65537 (AQAB)."],
    });
  });

  it("ignores symmetric keys in the set and says so (J30)", async () => {
    const token = signed("RS256", keys.rsa);
    const oct = { kty: "oct", k: "c2VjcmV0", kid: "rsa-1" };
    expect(await verifySignature(token, jwksOf(oct, "junk", keys.rsa.jwk))).toEqual({
      status: "valid",
      message: "The signature matches the issuer's key.",
      kid: "rsa-1",
      alg: "RS256",
      warnings: [
        "Ignored 1 symmetric (oct) key(s) in the issuer's key set.",
        "Ignored key set entries that are not JSON objects.",
      ],
    });
  });
});

describe("verifySignature: keys that do not fit", () => {
  it.each([
    [
      "a key for encryption (use enc)",
      () => ({ ...keys.rsa.jwk, use: "enc" }),
      'The issuer\'s key "rsa-1" cannot verify this token: it is for use "enc", not "sig" (RFC 7517 §4.2).',
    ],
    [
      "a key pinned to another alg",
      () => ({ ...keys.rsa.jwk, alg: "RS384" }),
      'The issuer\'s key "rsa-1" cannot verify this token: it is for alg "RS384", not RS256.',
    ],
    [
      "a key without the verify operation",
      () => ({ ...keys.rsa.jwk, key_ops: ["encrypt"] }),
      'The issuer\'s key "rsa-1" cannot verify this token: it has key_ops without "verify" (RFC 7517 §4.3).',
    ],
    [
      "an EC key where RSA is needed",
      () => ({ ...keys.ec256.jwk, kid: "rsa-1" }),
      'The issuer\'s key "rsa-1" cannot verify this token: it is "EC" (kty); RS256 needs an RSA key.',
    ],
  ])("refuses %s with the rule that failed", async (_label, jwk, message) => {
    const token = signed("RS256", keys.rsa);
    expect(await verifySignature(token, jwksOf(jwk()))).toEqual({
      status: "invalid",
      reason: "no_matching_key",
      message,
      kid: "rsa-1",
      alg: "RS256",
      warnings: [],
    });
  });

  it("says the token has no kid and what key it needs", async () => {
    const token = forge({ alg: "ES256" }, claimsAt(), signerFor("ES256", keys.ec256.privateKey));
    expect(await verifySignature(token, jwksOf(keys.rsa.jwk))).toMatchObject({
      reason: "no_matching_key",
      message:
        "The token has no kid, and no key in the issuer's key set fits ES256 (it needs an EC key on P-256).",
    });
  });

  it.each([
    [
      "an empty key set",
      { keys: [] },
      "keys_unavailable",
      "The issuer's key set has no public keys.",
    ],
    [
      "no keys array",
      { keys: "nope" as unknown as unknown[] },
      "keys_unavailable",
      "The issuer's key set has no public keys.",
    ],
    [
      "only symmetric keys",
      { keys: [{ kty: "oct", k: "c2VjcmV0" }] },
      "keys_unavailable",
      "The issuer's key set has no public keys.",
    ],
  ])("calls the signature unverifiable for %s", async (_label, jwks, reason, message) => {
    const verdict = await verifySignature(signed("RS256", keys.rsa), jwks);
    expect(verdict).toMatchObject({ status: "unverifiable", reason, message });
  });

  it("never throws, even for a null key set", async () => {
    const verdict = await verifySignature(signed("RS256", keys.rsa), null as never);
    expect(verdict).toMatchObject({ status: "unverifiable", reason: "keys_unavailable" });
  });

  it.each([
    [
      "an RSA key with a bogus modulus",
      () => ({ kty: "RSA", kid: "rsa-1", n: "AQAB", e: "AQAB" }),
      /too weak \(17 bits\)/,
    ],
    [
      "an EC key without y",
      () => ({ kty: "EC", crv: "P-256", kid: "rsa-1", x: keys.ec256.jwk.x }),
      /cannot be used/,
    ],
  ])("maps %s to key_unusable, never a 500", async (_label, jwk, message) => {
    const alg = String(jwk().kty) === "EC" ? "ES256" : "RS256";
    const key = alg === "ES256" ? keys.ec256 : keys.rsa;
    const token = forge({ alg, kid: "rsa-1" }, claimsAt(), signerFor(alg, key.privateKey));
    expect(await verifySignature(token, jwksOf(jwk()))).toMatchObject({
      status: "invalid",
      reason: "key_unusable",
      message,
    });
  });

  it("only narrows the allow-list through options", async () => {
    const es = signed("ES256", keys.ec256);
    expect(
      await verifySignature(es, jwksOf(keys.ec256.jwk), { algorithms: ["RS256"] }),
    ).toMatchObject({
      reason: "alg_not_allowed",
      message: 'Algorithm "ES256" is not allowed; Fedlens verifies RS256.',
    });
    const widened = { algorithms: ["HS256", "RS256"] as never };
    const hs = forge({ alg: "HS256" }, claimsAt(), () => Buffer.from("mac"));
    expect(await verifySignature(hs, jwksOf(keys.rsa.jwk), widened)).toMatchObject({
      reason: "alg_not_allowed",
    });
  });
});
