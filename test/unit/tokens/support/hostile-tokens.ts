// The hostile tokens of SECURITY.md 1.3 that are refused on the token
// itself, before or regardless of the issuer's keys, each with the reason
// code the safe behaviour calls for; and tokens whose values hold strange
// characters (J5, J20, J29), which must be diagnosed like any other. Shared
// by the verifier's unit tests and the tests that send them through the
// diagnose and evaluate routes.
import { CompactEncrypt, generateKeyPair } from "jose";
import type { TokenProblemCode } from "@/lib/tokens/problems";
import {
  b64u,
  claimsAt,
  forge,
  forgeRaw,
  hmacSigner,
  signerFor,
  type TestKeys,
} from "@/test/unit/tokens/support/forge";

export type HostileToken = [
  label: string,
  build: () => string | Promise<string>,
  reason: TokenProblemCode,
  message?: RegExp,
];

// Cutting 4 characters from a 342-character RS256 signature leaves 4 bits
// after the last whole byte; they are the signature's own, so zero one time
// in 16. Setting the lowest makes the cut always non-canonical.
const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
function withStrayBit(token: string): string {
  const last = base64url.indexOf(token.at(-1) ?? "A");
  return `${token.slice(0, -1)}${base64url[last | 1]}`;
}

/** The attack recipes, signed (where they are) with `keys()`, read when a token is built. */
export function hostileTokens(keys: () => TestKeys): HostileToken[] {
  const rs256 = (header: object, claims: object = claimsAt()) =>
    forge({ alg: "RS256", ...header }, claims, signerFor("RS256", keys().rsa.privateKey));
  return [
    ...["none", "None", "NONE", "nOnE"].flatMap((alg): HostileToken[] => [
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
          hmacSigner("HS256", keys().rsa.publicKey.export({ type: "spki", format: "pem" })),
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
          hmacSigner("HS256", keys().rsa.publicKey.export({ type: "pkcs1", format: "pem" })),
        ),
      "alg_not_allowed",
    ],
    [
      "J2 HS512 keyed with the raw modulus bytes",
      () =>
        forge(
          { alg: "HS512", kid: "rsa-1" },
          claimsAt(),
          hmacSigner("HS512", Buffer.from(String(keys().rsa.jwk.n), "base64url")),
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
          signerFor("RS256", keys().rsa.privateKey),
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
          signerFor("ES256", keys().ec256.privateKey, { dsaEncoding: "der" }),
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
}

export type StrangeToken = [label: string, build: () => string];

/**
 * Tokens signed with the issuer's RSA key whose values hold characters
 * Postgres cannot store (NUL, lone surrogates) or that hide on screen
 * (bidi overrides, zero-width, look-alike letters). They are data, not errors.
 */
export function strangeCharacterTokens(
  keys: () => TestKeys,
  claims: () => Record<string, unknown> = claimsAt,
): StrangeToken[] {
  const iss = () => String(claims().iss);
  const sign = (header: object, extra: object) =>
    forge(
      { alg: "RS256", kid: "rsa-1", ...header },
      { ...claims(), ...extra },
      signerFor("RS256", keys().rsa.privateKey),
    );
  return [
    ["a lone surrogate in sub", () => sign({}, { sub: "x\ud800" })],
    ["a lone low surrogate in an aud entry", () => sign({}, { aud: ["api\udc00"] })],
    ["a lone surrogate at the end of iss", () => sign({}, { iss: `${iss()}\ud800` })],
    ["NUL inside aud", () => sign({}, { aud: "api\u0000x" })],
    ["NUL at the end of iss", () => sign({}, { iss: `${iss()}\u0000` })],
    ["NUL in sub", () => sign({}, { sub: "repo:contoso/api\u0000" })],
    ["NUL in jti", () => sign({}, { jti: "id\u0000x" })],
    ["NUL in kid", () => sign({ kid: "rsa-1\u0000" }, {})],
    ["NUL in alg", () => sign({ alg: "RS256\u0000" }, {})],
    ["NUL in a claim name", () => sign({}, { "x\u0000": 1 })],
    ["a lone surrogate in a header parameter name", () => sign({ "h\ud800": 1 }, {})],
    ["a right-to-left override in sub", () => sign({}, { sub: "repo:\u202econtoso/api" })],
    ["a zero-width space in iss", () => sign({}, { iss: iss().replace("//", "//\u200b") })],
    ["a Cyrillic і in iss", () => sign({}, { iss: iss().replace("i", "\u0456") })],
  ];
}
