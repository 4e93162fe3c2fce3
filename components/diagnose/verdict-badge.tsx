import { isUndecided, type Evaluation } from "@/lib/federation/types";
import { cn } from "@/lib/utils";

type Verdict = "Accepted" | "Accepted but broad" | "Rejected" | "Undecided";

export function verdictOf(
  evaluation: Pick<Evaluation, "accepted" | "cloudError" | "broad">,
): Verdict {
  if (isUndecided(evaluation.cloudError)) return "Undecided";
  if (!evaluation.accepted) return "Rejected";
  return evaluation.broad ? "Accepted but broad" : "Accepted";
}

const styles = {
  Accepted: "border-success bg-success/15 text-foreground",
  "Accepted but broad": "border-warning-foreground/40 bg-warning text-warning-foreground",
  Rejected: "border-destructive bg-destructive/10 text-destructive",
  Undecided: "border-warning-foreground/40 bg-warning text-warning-foreground",
} as const;

const symbols = {
  Accepted: "✓",
  "Accepted but broad": "⚠",
  Rejected: "✗",
  Undecided: "?",
} as const;

/** The cloud's verdict in words, with a symbol; colour only repeats it. */
export function VerdictBadge({
  evaluation,
}: {
  evaluation: Pick<Evaluation, "accepted" | "cloudError" | "broad">;
}) {
  const verdict = verdictOf(evaluation);
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-semibold",
        styles[verdict],
      )}
    >
      {/* Set apart from the text beside it when read aloud. */}
      <span className="sr-only"> — </span>
      <span aria-hidden>{symbols[verdict]}</span>
      {verdict}
    </span>
  );
}
