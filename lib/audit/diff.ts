// Flattens before/after snapshots into dotted paths so the audit view can
// show exactly which fields an event changed.

import canonicalize from "canonicalize";

export type DiffRow = {
  path: string;
  before: unknown;
  after: unknown;
  change: "added" | "removed" | "changed" | "same";
};

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [key, item] of entries) flatten(item, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  if (prefix) out.set(prefix, value);
}

export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  flatten(before, "", left);
  flatten(after, "", right);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths.map((path) => {
    const inLeft = left.has(path);
    const inRight = right.has(path);
    const a = left.get(path);
    const b = right.get(path);
    const change = !inLeft
      ? "added"
      : !inRight
        ? "removed"
        : // Key order is not a change: jsonb hands objects back with their keys reordered.
          canonicalize(a) === canonicalize(b)
          ? "same"
          : "changed";
    return { path, before: a, after: b, change };
  });
}
