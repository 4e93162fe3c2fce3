import type { Finding } from "@/lib/catalog/findings";
import type { FieldErrors } from "@/components/bindings/types";

// Errors come back from the server keyed by path (`spec.builder.subjects.0`)
// and from the live checks as findings with the same paths. Each control
// claims the paths it shows; whatever no control claims goes to the form's
// top alert, so no message is lost.

/** A path prefix (`spec.name` claims `spec.name` and `spec.name.*`) or a predicate. */
export type PathTest = string | ((path: string) => boolean);

export function pathMatches(path: string, test: PathTest): boolean {
  return typeof test === "string" ? path === test || path.startsWith(`${test}.`) : test(path);
}

function join(messages: string[]): string | undefined {
  const unique = [...new Set(messages)];
  return unique.length ? unique.join("; ") : undefined;
}

/**
 * The message to show under a control: what the live checks find now, or
 * else what the server answered to the last submission.
 */
export function messageAt(
  live: Finding[],
  server: FieldErrors,
  ...tests: PathTest[]
): string | undefined {
  const claimed = (path: string) => tests.some((test) => pathMatches(path, test));
  return (
    join(live.filter((finding) => claimed(finding.path)).map((finding) => finding.message)) ??
    join(
      Object.entries(server)
        .filter(([path]) => claimed(path))
        .map(([, message]) => message),
    )
  );
}

/** Findings (or server errors) that no control claims. */
export function unclaimed(findings: Finding[], tests: readonly PathTest[]): Finding[] {
  return findings.filter((finding) => !tests.some((test) => pathMatches(finding.path, test)));
}

export function serverFindings(errors: FieldErrors | undefined): Finding[] {
  return Object.entries(errors ?? {}).map(([path, message]) => ({ path, message }));
}

/** The live warnings a control shows under itself (the preview lists the rest). */
export function warningsAt(warnings: Finding[], ...tests: PathTest[]): string[] {
  const claimed = (path: string) => tests.some((test) => pathMatches(path, test));
  return [...new Set(warnings.filter((w) => claimed(w.path)).map((w) => w.message))];
}
