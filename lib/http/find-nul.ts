// Postgres text cannot hold U+0000 ("invalid byte sequence for encoding
// UTF8: 0x00"), so input carrying one is refused at the edge instead of
// failing deep in a query as a 500.

/** The dotted path of the first string containing NUL, or null. */
export function findNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path || "(body)" : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findNul(item, path ? `${path}.${key}` : key);
    if (found) return found;
    // A NUL in a key is as bad as one in a value.
    if (key.includes("\u0000")) return path || "(body)";
  }
  return null;
}
