// Text Postgres cannot store: U+0000 ("invalid byte sequence for encoding
// UTF8: 0x00") and lone UTF-16 surrogates, which JSON.parse accepts from
// "\ud800" but jsonb refuses. Refused at the edge instead of failing deep in
// a query as a 500.

export type UnstorableText = { path: string; reason: string };

const loneSurrogate = /\p{Surrogate}/u;

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
