// Classify before verifying (SECURITY.md 1.1 steps 2–4): work out which shape
// the normalised text has and, for a signed JWT, decode its header and claims
// strictly, with a message that says exactly what is wrong and where.
import { parseStrictJson } from "@/lib/json/strict-json";
import { maxTokenBytes } from "@/lib/tokens/normalize";
import { quoteTokenValue, tokenProblem, type TokenProblem } from "@/lib/tokens/problems";
import {
  decodeBase64UrlSegment,
  decodeUtf8,
  describeForeignCharacter,
} from "@/lib/tokens/segment-decoding";
import { isRecord } from "@/lib/json/is-record";

export type ClassifiedToken =
  | {
      ok: true;
      kind: "jws";
      header: Record<string, unknown>;
      claims: Record<string, unknown>;
      signature: Uint8Array;
    }
  | { ok: false; problem: TokenProblem };

/** JOSE objects are small; these caps stop hostile nesting and width (J22). */
export const maxJsonDepth = 32;
export const maxJsonArrayLength = 1_000;

const jwsPartNames = ["header", "payload", "signature"];
const jwePartNames = ["header", "encrypted key", "initialisation vector", "ciphertext", "tag"];
const foreignCharacter = /[^A-Za-z0-9_.-]/;
const compactShape = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2}(?:\.[A-Za-z0-9_-]*){0,2}$/;

type Fail = { ok: false; problem: TokenProblem };
const fail = (...args: Parameters<typeof tokenProblem>): Fail => ({
  ok: false,
  problem: tokenProblem(...args),
});

/** "the header (part 1)", or "part 4" when the layout has no names. */
function partName(parts: number, index: number): string {
  const names = parts === 5 ? jwePartNames : parts === 3 ? jwsPartNames : [];
  return names[index] ? `the ${names[index]} (part ${index + 1})` : `part ${index + 1}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "a JSON array";
  if (value === null) return "JSON null";
  return `a JSON ${typeof value}`;
}

/** Decodes one segment to a JSON object, or says precisely why it is not one. */
function decodeJsonSegment(
  bytes: Uint8Array,
  what: "header" | "payload",
): { ok: true; value: Record<string, unknown> } | Fail {
  const text = decodeUtf8(bytes);
  if (!text.ok) {
    const hex = text.byte.toString(16).toUpperCase().padStart(2, "0");
    return fail(
      "malformed",
      `The ${what} is not valid UTF-8: byte 0x${hex} at offset ${text.offset} of the decoded ${what} (RFC 7519 §7.2).`,
    );
  }
  const parsed = parseStrictJson(text.text, {
    maxLength: maxTokenBytes,
    maxDepth: maxJsonDepth,
    maxArrayLength: maxJsonArrayLength,
  });
  if (!parsed.ok) {
    if (parsed.reason === "duplicate_key" && parsed.duplicate) {
      const { key, path } = parsed.duplicate;
      const name = what === "header" ? "header parameter" : "claim";
      const rfc = what === "header" ? "RFC 7515 §4" : "RFC 7519 §4";
      const where = path ? ` inside ${name} ${quoteTokenValue(path)}` : "";
      const subject = path
        ? `key ${quoteTokenValue(key)}${where}`
        : `${name} ${quoteTokenValue(key)}`;
      return fail(
        "duplicate_key",
        `Ambiguous token: duplicate ${subject}. Names must be unique (${rfc}); parsers differ on which value wins, so no verdict would be reliable.`,
      );
    }
    if (parsed.reason === "too_deep") {
      return fail("malformed", `The ${what} is too deeply nested: ${parsed.message}.`);
    }
    if (parsed.reason === "too_many_entries") {
      return fail("malformed", `The ${what} has too many entries: ${parsed.message}.`);
    }
    return fail("malformed", `The ${what} is not valid JSON: ${parsed.message}.`);
  }
  if (!isRecord(parsed.value)) {
    const rfc = what === "header" ? "RFC 7515 §4" : "RFC 7519 §7.2";
    return fail(
      "malformed",
      `The ${what} is ${jsonKind(parsed.value)}, not a JSON object at the top level (${rfc}).`,
    );
  }
  return { ok: true, value: parsed.value };
}

/** Decodes the first segment as a header when it is one, to refine messages. */
function tryHeader(segment: string | undefined): Record<string, unknown> | undefined {
  const bytes = segment ? decodeBase64UrlSegment(segment) : undefined;
  const decoded = bytes?.ok ? decodeJsonSegment(bytes.bytes, "header") : undefined;
  return decoded?.ok ? decoded.value : undefined;
}

function classifyJsonSerialization(text: string): Fail {
  const parsed = parseStrictJson(text, { maxLength: maxTokenBytes, maxDepth: maxJsonDepth });
  if (parsed.ok && isRecord(parsed.value)) {
    const value = parsed.value;
    if ("ciphertext" in value) {
      return fail(
        "jwe_not_supported",
        "Encrypted token (JWE JSON serialization); Fedlens does not decrypt, and clouds expect a signed JWT.",
      );
    }
    if ("payload" in value && ("signature" in value || "signatures" in value)) {
      return fail("json_serialization_not_supported");
    }
    return fail(
      "malformed",
      "This is a JSON object, not an encoded token. Paste the JWT itself (header.payload.signature); to test claims alone, use the what-if evaluation.",
    );
  }
  return fail("malformed", "This starts with '{' but is not a JSON object; paste the encoded JWT.");
}

function foreignCharacterProblem(text: string, parts: string[]): Fail | undefined {
  const found = foreignCharacter.exec(text);
  if (!found) return undefined;
  const character = String.fromCodePoint(text.codePointAt(found.index) as number);
  const position = found.index + 1;
  const part = text.slice(0, found.index).split(".").length - 1;
  const where = `at position ${position}, in ${partName(parts.length, part)}`;
  const header = part > 0 ? tryHeader(parts[0]) : undefined;
  if (header?.b64 === false) {
    return fail(
      "malformed",
      `The header sets b64: false (an unencoded payload, RFC 7797) and the token contains ${describeForeignCharacter(character)} ${where}; JWTs must use a base64url payload (RFC 7797 §7).`,
      { position },
    );
  }
  const advice =
    character === "=" || character === "+" || character === "/"
      ? " JOSE uses unpadded base64url (RFC 7515 §2)."
      : /\s/.test(character)
        ? " A token is one line with nothing inside it."
        : "";
  return fail(
    "malformed",
    `The token contains ${describeForeignCharacter(character)} ${where}.${advice}`,
    { position },
  );
}

/** Classifies a normalised token and decodes a JWS strictly. */
export function classifyToken(text: string): ClassifiedToken {
  if (text === "") return fail("malformed", "The token is empty.");
  if (text.startsWith("{")) return classifyJsonSerialization(text);
  if (!text.includes(".")) {
    return fail(
      "malformed",
      "This is not a JWT: it has no '.' separators. A signed JWT has three base64url parts, header.payload.signature.",
    );
  }
  const parts = text.split(".");
  const foreign = foreignCharacterProblem(text, parts);
  if (foreign) return foreign;

  if (parts.length !== 3 && parts.length !== 5) {
    const missing = parts.length === 2 ? " (the signature part is missing)" : "";
    return fail(
      "malformed",
      `The token has ${parts.length} parts separated by '.'${missing}; a signed JWT (JWS) has 3 and an encrypted one (JWE) 5.`,
    );
  }
  if (parts[0] === "") return fail("malformed", "The header (part 1) is empty.");
  const decoded: Uint8Array[] = [];
  for (const [index, segment] of parts.entries()) {
    const result = decodeBase64UrlSegment(segment);
    if (result.ok) {
      decoded.push(result.bytes);
      continue;
    }
    const detail =
      result.issue === "length"
        ? `has an impossible base64url length (${segment.length} characters)`
        : "ends with stray bits: it is not canonical base64url (RFC 4648 §3.5)";
    return fail("malformed", `${capitalise(partName(parts.length, index))} ${detail}.`);
  }
  const [headerBytes, payloadBytes, signature] = decoded as [Uint8Array, Uint8Array, Uint8Array];

  const header = decodeJsonSegment(headerBytes, "header");
  if (!header.ok) return header;
  if (parts.length === 5) {
    // RFC 7516 §9: five parts is a JWE. Show its header, never decrypt.
    return fail("jwe_not_supported", undefined, { header: header.value });
  }
  const cty = header.value.cty;
  // RFC 7519 §5.2: cty "JWT" marks a nested token; media types compare case-insensitively.
  if (typeof cty === "string" && /^(application\/)?jwt$/i.test(cty)) {
    return fail("nested_jwt", undefined, { header: header.value });
  }
  if (payloadBytes.length === 0) return fail("malformed", "The payload (part 2) is empty.");
  const payloadText = decodeUtf8(payloadBytes);
  if (payloadText.ok && compactShape.test(payloadText.text)) {
    return fail(
      "nested_jwt",
      "The payload is itself a JWT (nested token); Fedlens does not unwrap nested tokens.",
      { header: header.value },
    );
  }
  const claims = decodeJsonSegment(payloadBytes, "payload");
  if (!claims.ok) return claims;
  return {
    ok: true,
    kind: "jws",
    header: header.value,
    claims: claims.value,
    signature,
  };
}
