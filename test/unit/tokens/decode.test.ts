import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeUnverified, type TokenWarningCode } from "@/lib/tokens/decode";
import { b64u } from "@/test/unit/tokens/support/forge";

const claims = { iss: "https://issuer.example", sub: "x" };
const signature = b64u("signature");
const tokenWith = (header: object, body: object = claims, sig = signature) =>
  `${b64u(header)}.${b64u(body)}.${sig}`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("decodeUnverified", () => {
  it("returns header and claims marked unverified, with the SHA-256 of the normalised text", () => {
    const token = tokenWith({ alg: "RS256", kid: "k1" });
    expect(decodeUnverified(`  Bearer ${token}\n`)).toEqual({
      ok: true,
      kind: "jws",
      header: { alg: "RS256", kid: "k1" },
      claims,
      sha256: sha256(token),
      unverified: true,
      warnings: [],
    });
  });

  it("gives one hash for every spelling that normalises to the same token", () => {
    const token = tokenWith({ alg: "RS256" });
    const hashes = [token, ` ${token} `, `bearer  ${token}`].map((input) => {
      const decoded = decodeUnverified(input);
      return decoded.ok ? decoded.sha256 : undefined;
    });
    expect(new Set(hashes)).toEqual(new Set([sha256(token)]));
  });

  it.each([
    ["a too large token", "a".repeat(20_000), "too_large"],
    ["padding", `${tokenWith({ alg: "RS256" })}=`, "malformed"],
    [
      "a duplicate claim",
      `${b64u({ alg: "RS256" })}.${b64u('{"sub":"a","sub":"b"}')}.${signature}`,
      "duplicate_key",
    ],
  ])("returns the problem for %s", (_label, input, code) => {
    expect(decodeUnverified(input)).toMatchObject({ ok: false, problem: { code } });
  });

  it.each<[string, string, TokenWarningCode, RegExp]>([
    ...(["none", "None", "NONE", "nOnE"] as const).map(
      (alg): [string, string, TokenWarningCode, RegExp] => [
        `alg ${alg} (J1)`,
        tokenWith({ alg }, claims, ""),
        "alg_none",
        /Unsigned token/,
      ],
    ),
    [
      "an embedded jwk (J3)",
      tokenWith({ alg: "RS256", jwk: { kty: "RSA", n: "AQAB", e: "AQAB" } }),
      "untrusted_key_header",
      /^The jwk header parameter is ignored/,
    ],
    [
      "jku and x5u (J4)",
      tokenWith({ alg: "RS256", jku: "http://127.0.0.1/jwks", x5u: "http://127.0.0.1/x5u" }),
      "untrusted_key_header",
      /^The jku, x5u header parameters are ignored/,
    ],
    [
      "an empty signature (J28)",
      tokenWith({ alg: "RS256" }, claims, ""),
      "empty_signature",
      /no signature/,
    ],
    [
      "a DER-encoded ES256 signature (J26)",
      tokenWith({ alg: "ES256" }, claims, b64u(Buffer.from([0x30, 0x44, ...Array(68).fill(1)]))),
      "der_signature",
      /DER-encoded/,
    ],
    [
      "a lone surrogate escape in a claim (J20)",
      `${b64u({ alg: "RS256" })}.${b64u('{"sub":"\\ud800"}')}.${signature}`,
      "lone_surrogate",
      /unpaired UTF-16 surrogate/,
    ],
  ])("warns about %s", (_label, token, code, message) => {
    const decoded = decodeUnverified(token);
    expect(decoded.ok && decoded.warnings).toContainEqual({
      code,
      message: expect.stringMatching(message),
    });
  });

  it("does not call a raw 64-byte ES256 signature DER", () => {
    const raw = b64u(Buffer.from([0x30, ...Array(63).fill(1)]));
    const decoded = decodeUnverified(tokenWith({ alg: "ES256" }, claims, raw));
    expect(decoded.ok && decoded.warnings).toEqual([]);
  });

  it("shows prototype-named claims as plain data and pollutes nothing (J23)", () => {
    const body = '{"__proto__":{"isAdmin":true},"constructor":"c","toString":"t"}';
    const decoded = decodeUnverified(`${b64u({ alg: "RS256" })}.${b64u(body)}.${signature}`);
    expect(decoded.ok).toBe(true);
    const shown = decoded.ok ? decoded.claims : {};
    expect(Object.keys(shown)).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.getOwnPropertyDescriptor(shown, "__proto__")?.value).toEqual({ isAdmin: true });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
