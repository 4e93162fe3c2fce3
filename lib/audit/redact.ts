// Before/after snapshots in the audit trail never hold hashes or secrets
// (issue 2 §5): the trail is readable by operators and exported.
const hiddenKey = /hash|secret|password|token$/i;

export function redactSnapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(redactSnapshot);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, item]) => !hiddenKey.test(key) && item !== undefined)
        .map(([key, item]) => [key, redactSnapshot(item)]),
    );
  }
  return value;
}
