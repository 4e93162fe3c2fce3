import type { Finding } from "@/lib/catalog/findings";
import { toImmutableSubject } from "@/lib/catalog/subjects/mutable-github-subject";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import type { BindingContext, NarrowingHints } from "@/lib/clouds/types";

// The narrowest edit that clears a risk finding on a federated credential,
// as the spec the edit form takes. Null when the catalogue does not say what
// to narrow to (e.g. which environment should replace pull_request).

type Context = BindingContext<TAzureBindingSpec>;
type Fix = { spec: TAzureBindingSpec; summary: string };

/** A plain credential on the workload's own subject (CLOUDS.md 1.3: exact match). */
function exactSubject({ spec, workload }: Context, summary: string): Fix | null {
  if (spec.subject === workload.subject) return null;
  const { claimsMatchingExpression: _dropped, ...rest } = spec;
  return { spec: { ...rest, subject: workload.subject }, summary };
}

/**
 * CLOUDS.md 5.6: an environment subject lets GitHub's protection rules gate
 * the identity. The workload's own subject when it names an environment,
 * else an environment of the same repository the catalogue knows.
 */
function environmentSubject(context: Context, hints: NarrowingHints | undefined): Fix | null {
  const { spec, workload } = context;
  if (!/:(pull_request|ref:refs\/heads\/.*)$/.test(workload.subject)) {
    return exactSubject(context, `Match ${workload.name}'s subject, ${workload.subject}, exactly.`);
  }
  const [first, ...others] = hints?.environmentWorkloads ?? [];
  if (!first) return null;
  const alternatives = others.length ? ` (or ${others.map((other) => other.name).join(", ")})` : "";
  return {
    spec: { ...spec, subject: first.subject },
    summary: `Trust the environment of ${first.name}${alternatives} instead, so its protection rules gate the identity; then bind this credential to that workload.`,
  };
}

export function azureNarrowingFix(
  context: Context,
  finding: Finding,
  hints?: NarrowingHints,
): Fix | null {
  const { spec, workload } = context;
  switch (finding.rule) {
    case "azure-fic-pull-request":
    case "azure-fic-branch":
      return environmentSubject(context, hints);
    case "azure-flexible-broad":
    case "azure-flexible-any-context":
    case "tfc-run-phase-wildcard":
      return exactSubject(
        context,
        `Replace the expression with ${workload.name}'s exact subject, ${workload.subject}.`,
      );
    case "github-mutable-subject": {
      const subject = spec.subject && toImmutableSubject(spec.subject, workload.subjectSpec);
      return subject
        ? { spec: { ...spec, subject }, summary: "Trust the repository by its immutable ids." }
        : null;
    }
    default:
      return null;
  }
}
