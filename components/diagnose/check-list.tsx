import { checkLabels } from "@/components/diagnose/labels";
import { ValueDiff } from "@/components/diagnose/value-diff";
import { VisibleText } from "@/components/ui/visible-text";
import type { PublicCheck } from "@/lib/federation/public-evaluation";
import type { CheckName } from "@/lib/federation/types";
import { cn } from "@/lib/utils";

/**
 * Checks whose expected and actual values are identifiers compared
 * character by character (URLs, subjects, audiences, principals), where a
 * highlighted difference points at the cause. Times, algorithms and
 * lifetimes are described bounds, shown side by side without highlighting.
 */
const diffableChecks = new Set<CheckName>([
  "issuer",
  "provider",
  "audience",
  "subject",
  "expression",
  "condition",
  "attributeCondition",
  "principal",
  "target",
]);

/** Pass or fail in words and a symbol, never by colour alone. */
export function CheckMark({ ok }: { ok: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex w-14 shrink-0 items-center gap-1 self-start pt-0.5 text-xs font-medium",
        ok ? "text-success" : "text-destructive",
      )}
    >
      <span aria-hidden>{ok ? "✓" : "✗"}</span>
      {ok ? "Pass" : "Fail"}
    </span>
  );
}

/**
 * Every check in the order the cloud applies them; the first failure is
 * the cloud's answer, later ones are what would fail next.
 */
export function CheckList({ checks, label }: { checks: PublicCheck[]; label: string }) {
  const decisive = checks.findIndex((check) => !check.ok);
  return (
    <ol aria-label={label} className="grid grid-cols-1 gap-2">
      {checks.map((check, index) => (
        <li
          key={`${check.check}-${index}`}
          className={cn(
            "flex gap-2 rounded-md px-2 py-1.5 text-sm",
            !check.ok && "bg-destructive/5",
          )}
        >
          <CheckMark ok={check.ok} />
          <div className="grid min-w-0 flex-1 grid-cols-1 gap-1.5">
            <p>
              <span className="font-medium">{checkLabels[check.check] ?? check.check}</span>
              {index === decisive ? (
                <>
                  {/* Read as "Audience — decides the verdict", not run together. */}
                  <span className="sr-only"> — </span>
                  <span className="ml-2 rounded-sm border border-destructive px-1 text-xs text-destructive">
                    decides the verdict
                  </span>
                </>
              ) : null}
              <span className="text-muted-foreground"> — </span>
              <VisibleText text={check.message} className="break-words" />
            </p>
            {!check.ok ? (
              <ValueDiff
                expected={check.expected}
                actual={check.actual}
                highlight={diffableChecks.has(check.check)}
              />
            ) : null}
            {check.hint ? (
              <p className="rounded-md bg-warning px-3 py-2 text-sm text-warning-foreground">
                <span className="font-medium">Hint: </span>
                <VisibleText text={check.hint} />
              </p>
            ) : null}
            {!check.ok && check.source ? (
              <p className="text-xs text-muted-foreground">
                Source:{" "}
                <a
                  href={check.source.url}
                  target="_blank"
                  rel="noreferrer"
                  className="text-primary hover:underline"
                >
                  {check.source.title}
                </a>
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
