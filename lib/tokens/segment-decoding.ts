// Strict decoding of one compact-serialization segment. Node 20's fallback
// in jose goes through atob, which skips whitespace and accepts padding
// [lab, SECURITY.md 1.2]; JOSE's base64url has neither (RFC 7515 §2,
// RFC 4648 §5). UTF-8 is checked by hand first so the message can say which
// byte is wrong (RFC 7515 §5.2 and RFC 7519 §7.2 require UTF-8).

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const sextets = new Int8Array(128).fill(-1);
for (let index = 0; index < alphabet.length; index += 1)
  sextets[alphabet.charCodeAt(index)] = index;

export type SegmentBytes =
  { ok: true; bytes: Uint8Array } | { ok: false; issue: "length" | "stray_bits" | "alphabet" };

/** Decodes unpadded base64url; refuses impossible lengths and non-zero trailing bits. */
export function decodeBase64UrlSegment(segment: string): SegmentBytes {
  if (segment.length % 4 === 1) return { ok: false, issue: "length" };
  const bytes = new Uint8Array(Math.floor((segment.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let index = 0; index < segment.length; index += 1) {
    const code = segment.charCodeAt(index);
    const value = code < 128 ? (sextets[code] as number) : -1;
    if (value < 0) return { ok: false, issue: "alphabet" };
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written] = (buffer >> bits) & 0xff;
      written += 1;
      buffer &= (1 << bits) - 1;
    }
  }
  // Canonical encoders leave the unused low bits zero (RFC 4648 §3.5); a
  // second spelling of the same bytes would give the token a second hash.
  if (buffer !== 0) return { ok: false, issue: "stray_bits" };
  return { ok: true, bytes };
}

/** Offset of the first byte that does not start or continue valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    // Unicode 15 Table 3-7: well-formed byte sequences. This refuses
    // overlong forms (C0 AF), surrogates (ED A0..) and code points past U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead === 0xe0) [length, low] = [3, 0xa0];
    else if (lead === 0xed) [length, high] = [3, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) length = 3;
    else if (lead === 0xf0) [length, low] = [4, 0x90];
    else if (lead === 0xf4) [length, high] = [4, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
    else return index;
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next];
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return -1;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export type SegmentText = { ok: true; text: string } | { ok: false; offset: number; byte: number };

/** Decodes UTF-8 strictly; a leading BOM is kept so JSON parsing refuses it. */
export function decodeUtf8(bytes: Uint8Array): SegmentText {
  const offset = invalidUtf8Offset(bytes);
  if (offset >= 0) return { ok: false, offset, byte: bytes[offset] as number };
  return { ok: true, text: utf8.decode(bytes) };
}

/** How a character that base64url does not allow is named in a message. */
export function describeForeignCharacter(character: string): string {
  if (character === "=") return 'base64 padding "="';
  if (character === "+" || character === "/")
    return `standard-base64 character "${character}" (base64url uses "-" and "_")`;
  if (character === "\n" || character === "\r") return "a line break";
  if (/\s/.test(character)) return "whitespace";
  const codePoint = character.codePointAt(0) as number;
  if (codePoint >= 0x21 && codePoint <= 0x7e) return `the character "${character}"`;
  return `the character U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}
