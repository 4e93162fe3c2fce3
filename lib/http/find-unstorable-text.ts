// Text Postgres cannot store: U+0000 ("invalid byte sequence for encoding
// UTF8: 0x00") and lone UTF-16 surrogates, which JSON.parse accepts from
// "\ud800" but jsonb refuses. Refused at the edge instead of failing deep in
// a query as a 500; a token's own values are not refused but written in a
// storable form (SECURITY.md J5, J20: strange characters are data to show).

import { codePointLabel } from "@/lib/tokens/reveal-invisible";

export type UnstorableText = { path: string; reason: string };

const loneSurrogate = /\p{Surrogate}/u;
const unstorableCharacter = /\u0000|\p{Surrogate}/u;

function problemIn(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain NUL characters";
  if (loneSurrogate.test(text)) return "must be valid Unicode text";
  return null;
}

/** The dotted path of the first string (or key) Postgres could not store, and why. */
export function findUnstorableText(value: unknown, path = ""): UnstorableText | null {
  const here = path || "(body)";
  if (typeof value === "string") {
    const reason = problemIn(value);
    return reason ? { path: here, reason } : null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const keyReason = problemIn(key);
    if (keyReason) return { path: here, reason: keyReason };
    const found = findUnstorableText(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/**
 * `text` with each NUL and lone surrogate written as ⟨U+0000⟩, ⟨U+D800⟩, so
 * it can be stored or used in a query, cut to at most `max` code points (what
 * varchar(n) counts) without splitting a pair or a label.
 */
export function toStorableText(text: string, max = Number.POSITIVE_INFINITY): string {
  if (text.length <= max && !unstorableCharacter.test(text)) return text;
  let stored = "";
  let length = 0;
  for (const character of text) {
    const piece = unstorableCharacter.test(character) ? codePointLabel(character) : character;
    const size = piece === character ? 1 : piece.length;
    if (length + size > max) break;
    stored += piece;
    length += size;
  }
  return stored;
}

/** A JSON value with every string and key made storable by `toStorableText`, for jsonb. */
export function toStorableJson(value: unknown): unknown {
  if (typeof value === "string") return toStorableText(value);
  if (Array.isArray(value)) return value.map(toStorableJson);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [toStorableText(key), toStorableJson(item)]),
  );
}
