import { describe, expect, it } from "vitest";
import { screenKeySet } from "@/lib/tokens/screen-key-set";

// What a key set must be before Fedlens keeps it (SECURITY.md J30): public
// RSA, EC and OKP keys only, projected to their public members.
const rsa = { kty: "RSA", kid: "r1", use: "sig", alg: "RS256", n: "AQAB", e: "AQAB" };
const ec = { kty: "EC", kid: "e1", crv: "P-256", x: "eA", y: "eQ" };
const okp = { kty: "OKP", kid: "o1", crv: "Ed25519", x: "eA" };

describe("screenKeySet", () => {
  it("keeps RSA, EC and OKP keys with their public members", () => {
    expect(screenKeySet({ keys: [rsa, ec, okp] })).toEqual({
      ok: true,
      keys: [rsa, ec, okp],
      note: null,
    });
  });

  it("stores nothing but the public members: stray text and certificates are dropped", () => {
    const pasted = {
      ...rsa,
      note: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
      x5c: ["MIIB"],
      x5u: "https://x",
    };
    expect(screenKeySet({ keys: [pasted] })).toMatchObject({ ok: true, keys: [rsa] });
  });

  it.each([
    ["an RSA private exponent", { ...rsa, d: "AQAB" }],
    ["a k under an RSA key", { ...rsa, k: "c2VjcmV0" }],
    ["a k under a kty Fedlens does not know", { kty: "OCT", k: "c2VjcmV0" }],
    ["a k with no kty", { k: "c2VjcmV0" }],
  ])("refuses the whole set for %s", (_name, key) => {
    expect(screenKeySet({ keys: [rsa, key] })).toEqual({
      ok: false,
      error: expect.stringContaining("private key material"),
    });
  });

  it("ignores oct keys and unknown entries, and says how many", () => {
    expect(screenKeySet({ keys: [{ kty: "oct", k: "c2VjcmV0" }, {}, "junk", rsa] })).toEqual({
      ok: true,
      keys: [rsa],
      note: "ignored 3 JWKS entries that are not a public RSA, EC or OKP key",
    });
  });

  it.each([
    ["no usable key", { keys: [{}] }, "no public RSA, EC or OKP keys"],
    ["no keys array", { key: [rsa] }, "keys array"],
    ["101 keys", { keys: Array.from({ length: 101 }, () => rsa) }, "at most 100"],
  ])("refuses %s", (_name, json, error) => {
    expect(screenKeySet(json)).toEqual({ ok: false, error: expect.stringContaining(error) });
  });
});
