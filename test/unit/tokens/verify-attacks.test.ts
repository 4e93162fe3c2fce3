// SECURITY.md 1.3: the attack recipes refused on the token itself, before or
// regardless of the issuer's keys, each with the reason code the safe
// behaviour calls for. Key-related recipes (J3–J7, J24, J25, J30) are in
// verify-key-attacks.test.ts; J13–J17 (claim values) in claim-checks.test.ts;
// J22/J23 in the classify and decode tests.
import { CompactEncrypt, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { TokenProblemCode } from "@/lib/tokens/problems";
import { verifySignature } from "@/lib/tokens/verify";
import {
  b64u,
  claimsAt,
  forge,
  forgeRaw,
  generateTestKeys,
  hmacSigner,
  signerFor,
  type TestKeys,
} from "@/test/unit/tokens/support/forge";

// Cutting 4 characters from a 342-character RS256 signature leaves 4 bits
// after the last whole byte; they are the signature's own, so zero one time
// in 16. Setting the lowest makes the cut always non-canonical.
const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
function withStrayBit(token: string): string {
  const last = base64url.indexOf(token.at(-1) ?? "A");
  return `${token.slice(0, -1)}${base64url[last | 1]}`;
}

let keys: TestKeys;

beforeAll(async () => {
  keys = await generateTestKeys();
});

const issuerKeys = () => ({ keys: [keys.rsa.jwk, keys.ec256.jwk] });
const rs256 = (header: object, claims: object = claimsAt()) =>
  forge({ alg: "RS256", ...header }, claims, signerFor("RS256", keys.rsa.privateKey));

/** A key set that records whether verification ever looked at it. */
function watchedKeys() {
  const watch = { read: false };
  const jwks = {
    get keys() {
      watch.read = true;
      return [keys.rsa.jwk];
    },
  };
  return { watch, jwks };
}

type Attack = [string, () => string | Promise<string>, TokenProblemCode, RegExp?];

const attacks: Attack[] = [
  ...["none", "None", "NONE", "nOnE"].flatMap((alg): Attack[] => [
    [`J1 alg ${alg} with an empty signature`, () => forge({ alg }, claimsAt(), ""), "alg_none"],
    [
      `J1 alg ${alg} with a random signature`,
      () => forge({ alg }, claimsAt(), b64u("random")),
      "alg_none",
    ],
  ]),
  [
    "J2 HS256 keyed with the issuer's SPKI PEM",
    () =>
      forge(
        { alg: "HS256", kid: "rsa-1" },
        claimsAt(),
        hmacSigner("HS256", keys.rsa.publicKey.export({ type: "spki", format: "pem" })),
      ),
    "alg_not_allowed",
    /Symmetric algorithm "HS256" is not allowed/,
  ],
  [
    "J2 HS256 keyed with the issuer's PKCS#1 PEM",
    () =>
      forge(
        { alg: "HS256", kid: "rsa-1" },
        claimsAt(),
        hmacSigner("HS256", keys.rsa.publicKey.export({ type: "pkcs1", format: "pem" })),
      ),
    "alg_not_allowed",
  ],
  [
    "J2 HS512 keyed with the raw modulus bytes",
    () =>
      forge(
        { alg: "HS512", kid: "rsa-1" },
        claimsAt(),
        hmacSigner("HS512", Buffer.from(String(keys.rsa.jwk.n), "base64url")),
      ),
    "alg_not_allowed",
  ],
  [
    "J28 HS256 signed with an empty secret",
    () => forge({ alg: "hs256" }, claimsAt(), hmacSigner("HS256", "")),
    "alg_not_allowed",
  ],
  [
    "an alg outside the allow-list",
    () => forge({ alg: "ES256K" }, claimsAt(), b64u("sig")),
    "alg_not_allowed",
    /"ES256K" is not allowed/,
  ],
  [
    "a missing alg",
    () => forge({ kid: "rsa-1" }, claimsAt(), b64u("sig")),
    "alg_not_allowed",
    /no alg/,
  ],
  ["a numeric alg", () => forge({ alg: 256 }, claimsAt(), b64u("sig")), "alg_not_allowed"],
  [
    "J8 an unknown crit extension",
    () => rs256({ kid: "rsa-1", crit: ["urn:x"], "urn:x": 1 }),
    "crit_unsupported",
    /Unsupported critical header "urn:x"/,
  ],
  [
    "J8 an empty crit",
    () => rs256({ kid: "rsa-1", crit: [] }),
    "crit_unsupported",
    /non-empty array/,
  ],
  [
    'J8 crit "exp" as a string',
    () => rs256({ kid: "rsa-1", crit: "exp" }),
    "crit_unsupported",
    /non-empty array/,
  ],
  [
    "J9 crit b64 with a base64url payload",
    () => rs256({ kid: "rsa-1", b64: false, crit: ["b64"] }),
    "crit_unsupported",
    /RFC 7797 §7/,
  ],
  [
    "J9 crit b64 with a raw payload",
    () => `${b64u({ alg: "RS256", b64: false, crit: ["b64"] })}.{"sub":"x"}.${b64u("sig")}`,
    "malformed",
    /b64: false/,
  ],
  [
    "J10 a compact JWE",
    async () => {
      const { publicKey } = await generateKeyPair("RSA-OAEP");
      return new CompactEncrypt(new TextEncoder().encode("{}"))
        .setProtectedHeader({ alg: "RSA-OAEP", enc: "A256GCM" })
        .encrypt(publicKey);
    },
    "jwe_not_supported",
  ],
  [
    "J11 cty JWT around a signed token",
    () => rs256({ kid: "rsa-1", cty: "JWT" }, rs256({ kid: "rsa-1" }) as never),
    "nested_jwt",
    /cty: JWT/,
  ],
  [
    "J11 three levels without cty",
    () =>
      rs256({ kid: "rsa-1" }, rs256({ kid: "rsa-1" }, rs256({ kid: "rsa-1" }) as never) as never),
    "nested_jwt",
    /payload is itself a JWT/,
  ],
  ["J12 16 KiB + 1 byte", () => "a".repeat(16_385), "too_large"],
  ["J12 1 MiB", () => "a".repeat(1024 * 1024), "too_large"],
  [
    "J19 padding on the payload",
    () => {
      const [h, p, s] = rs256({ kid: "rsa-1" }).split(".");
      return `${h}.${p}=.${s}`;
    },
    "malformed",
    /padding/,
  ],
  [
    "J19 a space inside",
    () => {
      const t = rs256({ kid: "rsa-1" });
      return `${t.slice(0, 30)} ${t.slice(30)}`;
    },
    "malformed",
    /whitespace at position 31/,
  ],
  [
    "J19 standard base64",
    () => rs256({ kid: "rsa-1" }).replace(/-/g, "+").replace(/_/g, "/") + "+",
    "malformed",
    /standard-base64/,
  ],
  [
    "J20 FF FE in the payload",
    () =>
      forgeRaw(
        b64u({ alg: "RS256" }),
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("base64url"),
        b64u("s"),
      ),
    "malformed",
    /not valid UTF-8/,
  ],
  [
    "J21 a duplicate sub",
    () =>
      forgeRaw(
        b64u({ alg: "RS256", kid: "rsa-1" }),
        b64u('{"sub":"a","sub":"b"}'),
        signerFor("RS256", keys.rsa.privateKey),
      ),
    "duplicate_key",
    /duplicate claim "sub"/,
  ],
  [
    "J21 a duplicate alg",
    () => forgeRaw(b64u('{"alg":"none","alg":"RS256"}'), b64u(claimsAt()), b64u("s")),
    "duplicate_key",
    /header parameter "alg"/,
  ],
  [
    "J26 an ES256 signature in DER",
    () =>
      forge(
        { alg: "ES256", kid: "ec-256" },
        claimsAt(),
        signerFor("ES256", keys.ec256.privateKey, { dsaEncoding: "der" }),
      ),
    "signature_invalid",
    /looks DER-encoded/,
  ],
  [
    "J27 a psychic all-zero ES256 signature",
    () => forge({ alg: "ES256", kid: "ec-256" }, claimsAt(), () => Buffer.alloc(64)),
    "signature_invalid",
  ],
  [
    "J27 the DER psychic signature MAYCAQACAQA",
    () => forge({ alg: "ES256", kid: "ec-256" }, claimsAt(), "MAYCAQACAQA"),
    "signature_invalid",
  ],
  [
    "J28 a null signature",
    () => forge({ alg: "RS256", kid: "rsa-1" }, claimsAt(), ""),
    "signature_invalid",
  ],
  [
    "J28 a signature cut by 4 characters",
    () => withStrayBit(rs256({ kid: "rsa-1" }).slice(0, -4)),
    "malformed",
    /stray bits/,
  ],
  [
    "J28 a signature over other claims",
    () => {
      const [h, , s] = rs256({ kid: "rsa-1" }).split(".");
      return `${h}.${b64u(claimsAt({ sub: "admin" }))}.${s}`;
    },
    "signature_invalid",
  ],
];

describe("verifySignature against SECURITY.md 1.3 attacks", () => {
  it.each(attacks)("refuses %s with %s", async (_label, build, reason, message) => {
    const verdict = await verifySignature(await build(), issuerKeys());
    expect(verdict).toMatchObject({ status: "invalid", reason });
    if (message) expect(verdict.message).toMatch(message);
  });

  it.each([
    ["alg none", () => forge({ alg: "nOnE" }, claimsAt(), "")],
    ["HS256", () => forge({ alg: "HS256", kid: "rsa-1" }, claimsAt(), hmacSigner("HS256", "x"))],
  ])("refuses %s before looking at any key (J1, J2)", async (_label, build) => {
    const { watch, jwks } = watchedKeys();
    await verifySignature(build(), jwks);
    expect(watch.read).toBe(false);
  });

  it("still verifies the genuine token after every broken variant (J28 persistence)", async () => {
    for (const [, build] of attacks) await verifySignature(await build(), issuerKeys());
    expect(await verifySignature(rs256({ kid: "rsa-1" }), issuerKeys())).toMatchObject({
      status: "valid",
    });
  });
});
