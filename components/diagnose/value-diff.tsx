import {
  charDiff,
  diffHunks,
  diffSides,
  diffSimilarity,
  type DiffHunk,
  type DiffPart,
} from "@/components/diagnose/char-diff";
import { VisibleText } from "@/components/ui/visible-text";
import { revealInvisible } from "@/lib/tokens/reveal-invisible";

// Expected against actual for a failed check, with the characters that
// differ highlighted when the values are close enough for that to help (a
// slash, a letter's case); otherwise the two values side by side. The text
// summary says the same for screen readers and without colour.

/** Below this share of common characters a highlight is noise, not a pointer. */
const closeEnough = 0.5;
const maxHunksListed = 3;

function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function quote(text: string): string {
  const shown = revealInvisible(text, { inDiff: true });
  return `“${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}”`;
}

function describeHunk({ position, expected, actual }: DiffHunk): string {
  if (!actual) return `at character ${position}, expected ${quote(expected)}; actual has nothing`;
  if (!expected) return `at character ${position}, actual has an extra ${quote(actual)}`;
  return `at character ${position}, expected ${quote(expected)}; actual has ${quote(actual)}`;
}

function Line({ parts, changed }: { parts: DiffPart[]; changed: "delete" | "insert" }) {
  return (
    <code className="block font-mono text-xs break-all whitespace-pre-wrap">
      {parts.map((part, index) =>
        part.op === changed ? (
          <mark
            key={index}
            className="rounded-sm bg-destructive/20 px-px font-semibold text-destructive underline decoration-2 underline-offset-2"
          >
            <VisibleText text={part.text} inDiff />
          </mark>
        ) : (
          <VisibleText key={index} text={part.text} />
        ),
      )}
    </code>
  );
}

function Plain({ text }: { text: string | null }) {
  return text === null ? (
    <span className="text-muted-foreground italic">absent</span>
  ) : (
    <code className="block font-mono text-xs break-all whitespace-pre-wrap">
      <VisibleText text={text} />
    </code>
  );
}

export function ValueDiff({
  expected,
  actual,
  highlight: wanted = true,
  labels = ["Expected", "Actual"],
}: {
  expected: unknown;
  actual: unknown;
  /** False for values that are descriptions rather than identifiers. */
  highlight?: boolean;
  /** What each side is, when "expected" and "actual" would be vague. */
  labels?: [expected: string, actual: string];
}) {
  const expectedText = textOf(expected);
  const actualText = textOf(actual);
  if (expectedText === null && actualText === null) return null;
  const parts =
    wanted && expectedText !== null && actualText !== null
      ? charDiff(expectedText, actualText)
      : null;
  const highlight = parts !== null && diffSimilarity(parts) >= closeEnough;
  const sides = parts && highlight ? diffSides(parts) : null;
  const hunks = parts && highlight ? diffHunks(parts) : [];
  return (
    <div className="grid grid-cols-1 gap-1 rounded-md border bg-muted/50 px-3 py-2">
      <dl className="grid gap-x-3 gap-y-1 text-xs sm:grid-cols-[6rem_1fr]">
        <dt className="text-muted-foreground">{labels[0]}</dt>
        <dd className="min-w-0">
          {sides ? <Line parts={sides.expected} changed="delete" /> : <Plain text={expectedText} />}
        </dd>
        <dt className="text-muted-foreground">{labels[1]}</dt>
        <dd className="min-w-0">
          {sides ? <Line parts={sides.actual} changed="insert" /> : <Plain text={actualText} />}
        </dd>
      </dl>
      {hunks.length ? (
        <p className="text-xs text-muted-foreground">
          Differs {hunks.slice(0, maxHunksListed).map(describeHunk).join("; ")}
          {hunks.length > maxHunksListed
            ? `; and in ${hunks.length - maxHunksListed} more places`
            : ""}
          .
        </p>
      ) : null}
    </div>
  );
}
