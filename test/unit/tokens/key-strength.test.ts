import { createPublicKey, generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Jwk } from "@/lib/tokens/key-match";
import { assessKey, assessKeySet } from "@/lib/tokens/key-strength";

// Issue 10 item 6 (SECURITY.md J24, J25): a key node cannot import, or that
// can verify nothing, is unusable; a weak RSA key is usable with a warning.
// Keys are generated at test time.

function publicJwk(type: "rsa" | "ec" | "ed25519" | "x25519", options: object = {}): Jwk {
  const { publicKey } = generateKeyPairSync(type as "rsa", options as { modulusLength: number });
  return publicKey.export({ format: "jwk" }) as Jwk;
}

const rsa2048 = publicJwk("rsa", { modulusLength: 2048 });
const rsa1024 = publicJwk("rsa", { modulusLength: 1024 });
const rsaE3 = publicJwk("rsa", { modulusLength: 2048, publicExponent: 3 });
const p256 = publicJwk("ec", { namedCurve: "P-256" });

type Row = { name: string; jwk: Jwk; problem?: RegExp; warnings?: RegExp[] };

const rows: Row[] = [
  { name: "a 2048-bit RSA key with e = 65537", jwk: rsa2048, warnings: [] },
  { name: "a 1024-bit RSA key", jwk: rsa1024, warnings: [/modulus is 1024 bits, under 2048/] },
  { name: "an RSA key with e = 3", jwk: rsaE3, warnings: [/exponent is 3, not the usual 65537/] },
  {
    name: "a 1024-bit RSA key with e = 3",
    jwk: { ...rsa1024, e: rsaE3.e },
    warnings: [/1024 bits/, /exponent is 3/],
  },
  {
    name: "an RSA key with an even exponent",
    jwk: { ...rsa2048, e: "Ag" },
    problem: /e = 2 is not/,
  },
  {
    name: "an RSA key with a zero modulus",
    jwk: { kty: "RSA", n: "AA", e: "AQAB" },
    problem: /zero/,
  },
  { name: "an RSA key without n", jwk: { kty: "RSA", e: "AQAB" }, problem: /not a valid RSA/ },
  { name: "a P-256 key", jwk: p256, warnings: [] },
  {
    name: "a P-256 key whose point is off the curve",
    jwk: { ...p256, y: p256.x },
    problem: /not on curve P-256/,
  },
  {
    name: "P-256 coordinates labelled P-384",
    jwk: { ...p256, crv: "P-384" },
    problem: /not on curve P-384/,
  },
  { name: "a secp256k1 key", jwk: { ...p256, crv: "secp256k1" }, problem: /not a signing curve/ },
  { name: "an Ed25519 key", jwk: publicJwk("ed25519"), warnings: [] },
  { name: "an X25519 key", jwk: publicJwk("x25519"), problem: /"X25519" is not a signing curve/ },
  { name: "an oct key", jwk: { kty: "oct", k: "c2VjcmV0" }, problem: /not RSA, EC or OKP/ },
];

describe("assessKey", () => {
  it.each(rows.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    const assessment = assessKey(row.jwk);
    if (row.problem) {
      expect(assessment.usable).toBe(false);
      if (!assessment.usable) expect(assessment.problem).toMatch(row.problem);
      return;
    }
    expect(assessment.usable).toBe(true);
    if (!assessment.usable) return;
    expect(assessment.warnings).toHaveLength(row.warnings?.length ?? 0);
    row.warnings?.forEach((pattern, index) => expect(assessment.warnings[index]).toMatch(pattern));
  });

  it("relies on node's import to refuse an off-curve point, which it does", () => {
    expect(() =>
      createPublicKey({ key: { ...p256, y: p256.x } as JsonWebKey, format: "jwk" }),
    ).toThrow(/Invalid JWK EC key/);
  });

  it("imports a 1024-bit key and e = 3 without complaint, so Fedlens measures them itself", () => {
    const details = createPublicKey({
      key: { ...rsa1024, e: rsaE3.e } as JsonWebKey,
      format: "jwk",
    }).asymmetricKeyDetails;
    expect(details).toMatchObject({ modulusLength: 1024, publicExponent: BigInt(3) });
  });
});

describe("assessKeySet", () => {
  it("names each key by its kid, or its position when it has none", () => {
    expect(
      assessKeySet([
        { ...rsa1024, kid: "old" },
        { ...p256, y: p256.x },
        { ...rsa2048, kid: "new" },
      ]),
    ).toEqual({
      unusable: [
        "Key 2 (no kid) cannot be used: its point (x, y) is not on curve P-256, or a coordinate has the wrong length.",
      ],
      warnings: [
        'Key "old": its RSA modulus is 1024 bits, under 2048: Fedlens cannot verify tokens signed with it, and it is too weak to trust.',
      ],
    });
  });
});
