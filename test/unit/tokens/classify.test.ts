import { CompactEncrypt, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { classifyToken } from "@/lib/tokens/classify";
import type { TokenProblemCode } from "@/lib/tokens/problems";
import { b64u } from "@/test/unit/tokens/support/forge";

const header = b64u({ alg: "RS256", kid: "k1" });
const payload = b64u({ iss: "https://issuer.example", sub: "x" });
const signature = b64u("not really a signature");
const good = `${header}.${payload}.${signature}`;
const at = (text: string, insert: string, index: number) =>
  `${text.slice(0, index)}${insert}${text.slice(index)}`;
const bytes = (...values: number[]) => Buffer.from(values).toString("base64url");

function problemOf(text: string) {
  const result = classifyToken(text);
  if (result.ok) throw new Error("expected a problem");
  return result.problem;
}

describe("classifyToken: a signed JWT", () => {
  it("decodes header, claims and signature bytes", () => {
    expect(classifyToken(good)).toEqual({
      ok: true,
      kind: "jws",
      header: { alg: "RS256", kid: "k1" },
      claims: { iss: "https://issuer.example", sub: "x" },
      signature: new Uint8Array(Buffer.from("not really a signature")),
    });
  });

  it("accepts an empty signature, which verification refuses later (J28)", () => {
    expect(classifyToken(`${header}.${payload}.`)).toMatchObject({
      ok: true,
      signature: new Uint8Array(),
    });
  });
});

describe("classifyToken: malformed shapes (J19, J20, J22)", () => {
  const paddedHeader = b64u({ alg: "RS256" }); // 20 characters: needs no padding, so "=" is plain wrong
  it.each<[string, string, TokenProblemCode, string]>([
    ["an empty text", "", "malformed", "The token is empty."],
    [
      "text without dots",
      "hello world",
      "malformed",
      "This is not a JWT: it has no '.' separators. A signed JWT has three base64url parts, header.payload.signature.",
    ],
    [
      "padding on the header",
      `${paddedHeader}=.${payload}.${signature}`,
      "malformed",
      `The token contains base64 padding "=" at position ${paddedHeader.length + 1}, in the header (part 1). JOSE uses unpadded base64url (RFC 7515 §2).`,
    ],
    [
      "padding on the signature",
      `${good}==`,
      "malformed",
      `The token contains base64 padding "=" at position ${good.length + 1}, in the signature (part 3). JOSE uses unpadded base64url (RFC 7515 §2).`,
    ],
    [
      "a standard-base64 plus in the payload",
      at(good, "+", header.length + 5),
      "malformed",
      `The token contains standard-base64 character "+" (base64url uses "-" and "_") at position ${header.length + 6}, in the payload (part 2). JOSE uses unpadded base64url (RFC 7515 §2).`,
    ],
    [
      "a standard-base64 slash in the signature",
      `${good}/`,
      "malformed",
      `The token contains standard-base64 character "/" (base64url uses "-" and "_") at position ${good.length + 1}, in the signature (part 3). JOSE uses unpadded base64url (RFC 7515 §2).`,
    ],
    [
      "a line break inside the payload",
      at(good, "\n", header.length + 11),
      "malformed",
      `The token contains a line break at position ${header.length + 12}, in the payload (part 2). A token is one line with nothing inside it.`,
    ],
    [
      "a space inside the header",
      at(good, " ", 4),
      "malformed",
      "The token contains whitespace at position 5, in the header (part 1). A token is one line with nothing inside it.",
    ],
    [
      "an asterisk",
      at(good, "*", 2),
      "malformed",
      'The token contains the character "*" at position 3, in the header (part 1).',
    ],
    [
      "a non-ASCII letter",
      at(good, "é", 2),
      "malformed",
      "The token contains the character U+00E9 at position 3, in the header (part 1).",
    ],
    [
      "two parts",
      `${header}.${payload}`,
      "malformed",
      "The token has 2 parts separated by '.' (the signature part is missing); a signed JWT (JWS) has 3 and an encrypted one (JWE) 5.",
    ],
    [
      "four parts",
      `${good}.${signature}`,
      "malformed",
      "The token has 4 parts separated by '.'; a signed JWT (JWS) has 3 and an encrypted one (JWE) 5.",
    ],
    ["an empty header", `.${payload}.${signature}`, "malformed", "The header (part 1) is empty."],
    ["an empty payload", `${header}..${signature}`, "malformed", "The payload (part 2) is empty."],
    [
      "an impossible segment length",
      `AAAAA.${payload}.${signature}`,
      "malformed",
      "The header (part 1) has an impossible base64url length (5 characters).",
    ],
    [
      "stray bits in the last character",
      `${header}.${payload}.YR`,
      "malformed",
      "The signature (part 3) ends with stray bits: it is not canonical base64url (RFC 4648 §3.5).",
    ],
    [
      "an overlong UTF-8 sequence in the header (J20)",
      `${bytes(0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d)}.${payload}.${signature}`,
      "malformed",
      "The header is not valid UTF-8: byte 0xC0 at offset 2 of the decoded header (RFC 7519 §7.2).",
    ],
    [
      "bytes FF FE in the payload (J20)",
      `${header}.${bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d)}.${signature}`,
      "malformed",
      "The payload is not valid UTF-8: byte 0xFF at offset 6 of the decoded payload (RFC 7519 §7.2).",
    ],
    [
      "an encoded UTF-16 surrogate in the payload",
      `${header}.${bytes(0x22, 0xed, 0xa0, 0x80, 0x22)}.${signature}`,
      "malformed",
      "The payload is not valid UTF-8: byte 0xED at offset 1 of the decoded payload (RFC 7519 §7.2).",
    ],
    [
      "a header that is an array",
      `${b64u("[1]")}.${payload}.${signature}`,
      "malformed",
      "The header is a JSON array, not a JSON object at the top level (RFC 7515 §4).",
    ],
    [
      "a payload that is a string",
      `${header}.${b64u('"x"')}.${signature}`,
      "malformed",
      "The payload is a JSON string, not a JSON object at the top level (RFC 7519 §7.2).",
    ],
    [
      "a payload that is not JSON",
      `${header}.${b64u("hello")}.${signature}`,
      "malformed",
      'The payload is not valid JSON: expected a value, found "h" at line 1, column 1.',
    ],
    [
      "a payload with a byte order mark",
      `${header}.${b64u('\ufeff{"a":1}')}.${signature}`,
      "malformed",
      'The payload is not valid JSON: expected a value, found "\ufeff" at line 1, column 1.',
    ],
    [
      "a claim nested 5,000 deep inside 16 KiB (J22)",
      `${header}.${b64u(`{"n":${"[".repeat(5_000)}${"]".repeat(5_000)}}`)}.${signature}`,
      "malformed",
      "The payload is too deeply nested: nested deeper than 32 levels at line 1, column 37.",
    ],
    [
      "an aud with 3,000 entries (J22)",
      `${header}.${b64u(`{"aud":[${Array(3_000).fill(1).join(",")}]}`)}.${signature}`,
      "malformed",
      "The payload has too many entries: array aud has more than 1,000 entries at line 1, column 8.",
    ],
  ])("refuses %s", (_label, text, code, message) => {
    expect(problemOf(text)).toMatchObject({ code, message, status: 422 });
  });

  it("gives the 1-based position of the offending character", () => {
    expect(problemOf(at(good, "=", 7)).position).toBe(8);
  });
});

describe("classifyToken: duplicate names (J21)", () => {
  it.each([
    [
      "a duplicate claim",
      `${header}.${b64u('{"sub":"a","sub":"b"}')}.${signature}`,
      'Ambiguous token: duplicate claim "sub". Names must be unique (RFC 7519 §4); parsers differ on which value wins, so no verdict would be reliable.',
    ],
    [
      "a duplicate alg in the header",
      `${b64u('{"alg":"RS256","alg":"none"}')}.${payload}.${signature}`,
      'Ambiguous token: duplicate header parameter "alg". Names must be unique (RFC 7515 §4); parsers differ on which value wins, so no verdict would be reliable.',
    ],
    [
      "a duplicate inside a nested claim",
      `${header}.${b64u('{"kubernetes.io":{"pod":{"name":"a","name":"b"}}}')}.${signature}`,
      'Ambiguous token: duplicate key "name" inside claim "kubernetes.io.pod". Names must be unique (RFC 7519 §4); parsers differ on which value wins, so no verdict would be reliable.',
    ],
  ])("refuses %s as ambiguous", (_label, text, message) => {
    expect(problemOf(text)).toMatchObject({ code: "duplicate_key", message });
  });
});

describe("classifyToken: other shapes", () => {
  it("shows a JWE's protected header and never decrypts it (J10)", async () => {
    const { publicKey } = await generateKeyPair("RSA-OAEP");
    const jwe = await new CompactEncrypt(new TextEncoder().encode("secret claims"))
      .setProtectedHeader({ alg: "RSA-OAEP", enc: "A256GCM", kid: "enc-1" })
      .encrypt(publicKey);
    expect(jwe.split(".")).toHaveLength(5);
    expect(problemOf(jwe)).toEqual({
      code: "jwe_not_supported",
      status: 422,
      message: "Encrypted token (JWE); Fedlens does not decrypt, and clouds expect a signed JWT.",
      header: { alg: "RSA-OAEP", enc: "A256GCM", kid: "enc-1" },
    });
  });

  it.each<[string, object, TokenProblemCode, RegExp]>([
    [
      "general JWS JSON serialization",
      { payload, signatures: [{ protected: header, signature }] },
      "json_serialization_not_supported",
      /compact form/,
    ],
    [
      "flattened JWS JSON serialization",
      { payload, protected: header, signature },
      "json_serialization_not_supported",
      /compact form/,
    ],
    [
      "JWE JSON serialization",
      { protected: header, ciphertext: "x", iv: "y", tag: "z" },
      "jwe_not_supported",
      /JWE JSON serialization/,
    ],
    ["a pasted claims object", { sub: "x" }, "malformed", /not an encoded token/],
  ])("recognises %s", (_label, value, code, message) => {
    expect(problemOf(JSON.stringify(value))).toMatchObject({ code, message });
  });

  it("refuses text that starts with a brace but is not JSON", () => {
    expect(problemOf("{abc")).toMatchObject({ code: "malformed", message: /not a JSON object/ });
  });

  it.each(["JWT", "jwt", "application/jwt"])(
    "refuses a nested token marked cty %s without unwrapping it (J11)",
    (cty) => {
      const inner = good;
      const outerHeader = { alg: "RS256", cty };
      expect(problemOf(`${b64u(outerHeader)}.${b64u(inner)}.${signature}`)).toMatchObject({
        code: "nested_jwt",
        header: outerHeader,
      });
    },
  );

  it("refuses a payload that is itself a JWT even without cty, at any depth (J11)", () => {
    const second = `${header}.${b64u(good)}.${signature}`;
    const third = `${header}.${b64u(second)}.${signature}`;
    for (const token of [second, third]) {
      expect(problemOf(token)).toMatchObject({
        code: "nested_jwt",
        message:
          "The payload is itself a JWT (nested token); Fedlens does not unwrap nested tokens.",
      });
    }
  });

  it.each([
    ["without dots", '{"sub":"x"}'],
    ["with dots", '{"iss":"https://issuer.example","sub":"a.b"}'],
  ])("refuses an unencoded b64:false payload %s (J9)", (_label, raw) => {
    const b64Header = b64u({ alg: "RS256", b64: false, crit: ["b64"] });
    expect(problemOf(`${b64Header}.${raw}.${signature}`)).toMatchObject({
      code: "malformed",
      message: expect.stringContaining("b64: false (an unencoded payload, RFC 7797)"),
      position: b64Header.length + 2,
    });
  });
});
