import type { MarkedPosition } from "@/components/diagnose/mark-position";
import { headerDescriptions } from "@/components/diagnose/labels";
import { DecodedTable } from "@/components/diagnose/token-tables";
import { VisibleText } from "@/components/ui/visible-text";

export type TokenRefusal = {
  /** The character that breaks the kept paste, when one is to blame. */
  mark: MarkedPosition | null;
  /** A JWE's (or nested JWT's) protected header: not encrypted, so shown (SECURITY.md J10). */
  header: Record<string, unknown> | null;
  /** Seconds since the epoch when the server answered, for any time in the header. */
  refusedAt: number;
};

/** What can still be read from a paste that is not a usable token. */
export function RefusedToken({ refusal }: { refusal: TokenRefusal }) {
  const { mark, header } = refusal;
  if (!mark && !header) return null;
  return (
    <div className="grid max-w-3xl grid-cols-1 gap-4">
      {mark ? (
        <p className="text-sm">
          <span className="text-muted-foreground">Position {mark.position} of the token: </span>
          <code className="font-mono text-xs break-all">
            <VisibleText text={mark.before} />
            <mark
              aria-label={`position ${mark.position}`}
              className="rounded-sm bg-destructive/20 px-px font-semibold text-destructive underline decoration-2 underline-offset-2"
            >
              <VisibleText text={mark.at} inDiff />
            </mark>
            <VisibleText text={mark.after} />
          </code>
        </p>
      ) : null}
      {header ? (
        <DecodedTable
          caption="Protected header (not encrypted; UNVERIFIED)"
          values={header}
          descriptions={headerDescriptions}
          nowSeconds={refusal.refusedAt}
        />
      ) : null}
    </div>
  );
}
