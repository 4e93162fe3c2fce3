// C0 and C1 controls (line breaks among them), and the invisible or
// direction-changing characters behind "Trojan Source" (CVE-2021-42574): bidi
// embeddings, overrides and isolates, zero-width marks, word joiner, BOM.
const unseenClass =
  "[\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]";

/** A fresh global pattern, for replace(). */
export function unseenCharacters(): RegExp {
  return new RegExp(unseenClass, "gu");
}

export function hasUnseenCharacters(values: string[]): boolean {
  const pattern = new RegExp(unseenClass, "u");
  return values.some((value) => pattern.test(value));
}

export function codePointEscape(character: string): string {
  return `\\u${character.codePointAt(0)!.toString(16).padStart(4, "0")}`;
}
