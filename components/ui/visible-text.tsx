import { visibleRuns, type RevealOptions } from "@/lib/tokens/reveal-invisible";
import { cn } from "@/lib/utils";

/**
 * Text taken from a token (or from a message quoting one), with every
 * zero-width, bidi, control or lone-surrogate character shown as its code
 * point, so nothing can hide in it or reorder it (SECURITY.md J29). The one
 * way the console renders token-derived text.
 */
export function VisibleText({
  text,
  inDiff,
  className,
}: {
  text: string;
  className?: string;
} & RevealOptions) {
  const runs = visibleRuns(text, { inDiff });
  return (
    <span className={cn("[unicode-bidi:isolate]", className)}>
      {runs.map((run, index) =>
        run.codePoint ? (
          <span
            key={index}
            title={`Invisible character ${run.codePoint}`}
            className="rounded-sm bg-warning px-px text-warning-foreground"
          >
            {run.text}
          </span>
        ) : (
          run.text
        ),
      )}
    </span>
  );
}
