import { isTimeClaim, isoOf, numericDate, relativeTime } from "@/components/diagnose/token-times";
import { Timestamp } from "@/components/ui/timestamp";
import { VisibleText } from "@/components/ui/visible-text";
import { revealInvisible } from "@/lib/tokens/reveal-invisible";

/** Pretty JSON with invisible characters made visible line by line (the newlines are the layout's). */
function PrettyJson({ value }: { value: unknown }) {
  return JSON.stringify(value, null, 2)
    .split("\n")
    .map((line, index) => (
      <span key={index}>
        {index > 0 ? "\n" : null}
        <VisibleText text={line} />
      </span>
    ));
}

/**
 * One decoded value as the token states it: times as dates and relative to
 * the diagnosis, nested objects (kubernetes.io) pretty-printed, strings with
 * any zero-width or bidi character shown as its code point.
 */
export function ClaimValue({
  name,
  value,
  nowSeconds,
}: {
  name: string;
  value: unknown;
  nowSeconds: number;
}) {
  if (typeof value === "object" && value !== null) {
    return (
      <pre className="max-h-80 overflow-auto rounded-md bg-muted p-2 font-mono text-xs leading-relaxed">
        <PrettyJson value={value} />
      </pre>
    );
  }
  if (typeof value === "string") {
    return (
      <>
        <code className="font-mono text-xs break-all whitespace-pre-wrap">
          <VisibleText text={value} />
        </code>
        {revealInvisible(value) !== value ? (
          <p className="mt-1 text-xs text-warning-foreground">
            ⚠ Contains invisible characters, shown as ⟨U+…⟩.
          </p>
        ) : null}
      </>
    );
  }
  const seconds = isTimeClaim(name) ? numericDate(value) : null;
  return (
    <span className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
      <code className="font-mono text-xs">{String(JSON.stringify(value) ?? value)}</code>
      {seconds !== null ? (
        <>
          <Timestamp iso={isoOf(seconds)} className="text-xs" />
          <span className="text-xs font-medium">{relativeTime(seconds, nowSeconds)}</span>
        </>
      ) : null}
      {isTimeClaim(name) && seconds === null ? (
        <span className="text-xs text-destructive">not a usable NumericDate</span>
      ) : null}
    </span>
  );
}
