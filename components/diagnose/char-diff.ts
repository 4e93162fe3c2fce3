// Character-level diff of an expected value (what the binding trusts) and an
// actual one (what the token carries), so the page can point at the one
// character that makes a cloud refuse: a trailing slash, a case change, a
// look-alike letter. Clouds compare these values exactly (CLOUDS.md 1.3,
// 2.3, 3.3), so the diff works on Unicode code points, never merging or
// normalising anything. Pure: runs in the browser and in unit tests.

export type DiffOp = "equal" | "delete" | "insert";

/** "delete": only in the expected value; "insert": only in the actual one. */
export type DiffPart = { op: DiffOp; text: string };

/**
 * Past this many code points on either side, only the common prefix and
 * suffix are found and the middle is shown as replaced: the LCS table grows
 * with the product of the lengths, and claim values are far shorter.
 */
export const maxDiffChars = 2000;

function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (text === "") return;
  const last = parts.at(-1);
  if (last?.op === op) last.text += text;
  else parts.push({ op, text });
}

/** Longest common subsequence walk over two code-point arrays; deletions before insertions. */
function lcsParts(a: string[], b: string[], parts: DiffPart[]): void {
  const width = b.length + 1;
  // suffix[i * width + j] = LCS length of a[i..] and b[j..]; both sides ≤ maxDiffChars, so Uint16 holds it.
  const suffix = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      suffix[i * width + j] =
        a[i] === b[j]
          ? suffix[(i + 1) * width + j + 1]! + 1
          : Math.max(suffix[(i + 1) * width + j]!, suffix[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(parts, "equal", a[i]!);
      i += 1;
      j += 1;
    } else if (suffix[(i + 1) * width + j]! >= suffix[i * width + j + 1]!) {
      push(parts, "delete", a[i]!);
      i += 1;
    } else {
      push(parts, "insert", b[j]!);
      j += 1;
    }
  }
  push(parts, "delete", a.slice(i).join(""));
  push(parts, "insert", b.slice(j).join(""));
}

/**
 * The edit from `expected` to `actual` as equal, deleted and inserted runs.
 * Joining the equal and delete runs gives `expected` back; equal and insert
 * runs give `actual`.
 */
export function charDiff(expected: string, actual: string): DiffPart[] {
  const a = Array.from(expected);
  const b = Array.from(actual);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  ) {
    end += 1;
  }
  const parts: DiffPart[] = [];
  push(parts, "equal", a.slice(0, start).join(""));
  const middleA = a.slice(start, a.length - end);
  const middleB = b.slice(start, b.length - end);
  if (a.length > maxDiffChars || b.length > maxDiffChars) {
    push(parts, "delete", middleA.join(""));
    push(parts, "insert", middleB.join(""));
  } else {
    lcsParts(middleA, middleB, parts);
  }
  push(parts, "equal", a.slice(a.length - end).join(""));
  return withoutChance(regroup(parts));
}

const length = (text: string) => Array.from(text).length;

/** The run of edits on one side of parts[index], walking by `step`. */
function editsBeside(parts: DiffPart[], index: number, step: 1 | -1) {
  let deleted = 0;
  let inserted = 0;
  for (let at = index + step; at >= 0 && at < parts.length; at += step) {
    const part = parts[at]!;
    if (part.op === "equal") break;
    if (part.op === "delete") deleted += length(part.text);
    else inserted += length(part.text);
  }
  return Math.max(deleted, inserted);
}

/** Regroups the edits between two equal runs: all deletions, then all insertions. */
function regroup(parts: DiffPart[]): DiffPart[] {
  const grouped: DiffPart[] = [];
  let deleted = "";
  let inserted = "";
  const flush = () => {
    push(grouped, "delete", deleted);
    push(grouped, "insert", inserted);
    deleted = "";
    inserted = "";
  };
  for (const part of parts) {
    if (part.op === "delete") deleted += part.text;
    else if (part.op === "insert") inserted += part.text;
    else {
      flush();
      push(grouped, "equal", part.text);
    }
  }
  flush();
  return grouped;
}

/**
 * Drops equal runs that are chance matches inside a replaced stretch (the
 * "r" and "e" that "ref:refs/heads/main" and "pull_request" share): an
 * equality no longer than the edits on both sides of it becomes part of the
 * replacement, as diff-match-patch's semantic cleanup does. What remains
 * highlights the stretch that differs, not a scatter of letters.
 */
function withoutChance(parts: DiffPart[]): DiffPart[] {
  let current = parts;
  for (;;) {
    const index = current.findIndex((part, at) => {
      if (part.op !== "equal" || at === 0 || at === current.length - 1) return false;
      const size = length(part.text);
      return size <= editsBeside(current, at, -1) && size <= editsBeside(current, at, 1);
    });
    if (index === -1) return current;
    const text = current[index]!.text;
    current = regroup([
      ...current.slice(0, index),
      { op: "delete", text },
      { op: "insert", text },
      ...current.slice(index + 1),
    ]);
  }
}

/** Share of characters the two values have in common, from 0 (nothing) to 1 (identical). */
export function diffSimilarity(parts: DiffPart[]): number {
  let same = 0;
  let total = 0;
  for (const part of parts) {
    const size = length(part.text);
    total += part.op === "equal" ? 2 * size : size;
    if (part.op === "equal") same += 2 * size;
  }
  return total === 0 ? 1 : same / total;
}

/** The two lines to show: the expected value with its deletions, the actual one with its insertions. */
export function diffSides(parts: DiffPart[]): { expected: DiffPart[]; actual: DiffPart[] } {
  return {
    expected: parts.filter((part) => part.op !== "insert"),
    actual: parts.filter((part) => part.op !== "delete"),
  };
}

export type DiffHunk = {
  /** 1-based code-point position in the expected value where the values part ways. */
  position: number;
  expected: string;
  actual: string;
};

/** Each place the values differ, for a text summary next to the highlighted lines. */
export function diffHunks(parts: DiffPart[]): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let position = 1;
  let open: DiffHunk | null = null;
  for (const part of parts) {
    if (part.op === "equal") {
      open = null;
      position += length(part.text);
      continue;
    }
    if (!open) {
      open = { position, expected: "", actual: "" };
      hunks.push(open);
    }
    if (part.op === "delete") {
      open.expected += part.text;
      position += length(part.text);
    } else {
      open.actual += part.text;
    }
  }
  return hunks;
}
