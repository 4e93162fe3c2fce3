import type { ReactNode } from "react";
import { FindingsList } from "@/components/catalog/findings-list";
import type { Finding } from "@/lib/catalog/findings";

/**
 * The live side of a binding form: the object the cloud would hold and what
 * the cloud's rules say about it right now. Errors here are the ones no
 * control above shows; warnings are all listed.
 */
export function PreviewPanel({
  title,
  errors,
  warnings,
  children,
}: {
  title: string;
  errors: Finding[];
  warnings: Finding[];
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="binding-preview-title" className="grid gap-4 self-start">
      <h2 id="binding-preview-title" className="text-base font-semibold">
        {title}
      </h2>
      {children}
      {errors.length ? (
        <div className="rounded-md border border-destructive bg-destructive/10 px-4 py-3 text-sm text-destructive">
          <p className="mb-1 font-medium">The cloud would refuse this</p>
          <ul className="grid gap-1">
            {errors.map((finding) => (
              <li key={`${finding.path}:${finding.message}`}>
                {finding.message}
                {finding.path ? (
                  <span className="ml-1 font-mono text-xs opacity-70">({finding.path})</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FindingsList findings={warnings} />
    </section>
  );
}

/** Shown instead of a preview while a required field is missing or malformed. */
export function PreviewUnavailable() {
  return (
    <p className="rounded-md border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
      Fix the highlighted fields to see the preview.
    </p>
  );
}
