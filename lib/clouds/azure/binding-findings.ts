import type { Finding, Findings } from "@/lib/catalog/findings";
import { prefixFindings } from "@/lib/catalog/findings";
import { mutableGithubSubjectFindings } from "@/lib/catalog/subjects/mutable-github-subject";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import {
  defaultAzureAudience,
  ficCapacityWarningAt,
  maxFicsPerIdentity,
} from "@/lib/clouds/azure/fic-limits";
import { ficExpressionFindings } from "@/lib/clouds/azure/fic-expression";
import type { BindingContext } from "@/lib/clouds/types";

type Context = BindingContext<TAzureBindingSpec>;

function nearMiss(expected: string, actual: string): string {
  if (expected.toLowerCase() === actual.toLowerCase())
    return " (they differ only in letter case, and Entra compares case-sensitively)";
  if (expected.replace(/\/$/, "") === actual.replace(/\/$/, ""))
    return " (they differ only by a trailing slash)";
  return "";
}

function capacityFindings({ siblings, spec }: Context): Findings {
  // Siblings never include the binding itself, created or edited.
  const count = siblings.length + 1;
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  // CLOUDS.md 1.5: at most 20 FICs per application or managed identity.
  if (count > maxFicsPerIdentity) {
    errors.push({
      path: "spec.name",
      message: `This identity already holds ${maxFicsPerIdentity} federated credentials, Entra's maximum. Remove one, or consolidate with a flexible credential.`,
    });
  } else if (count >= ficCapacityWarningAt) {
    warnings.push({
      path: "spec.name",
      message: `This identity will hold ${count} of Entra's ${maxFicsPerIdentity} federated credentials.`,
      rule: "azure-fic-capacity",
    });
  }
  const clash =
    spec.subject &&
    siblings.find((sibling) => {
      const other = sibling.spec as Partial<TAzureBindingSpec>;
      return other.issuer === spec.issuer && other.subject === spec.subject;
    });
  // CLOUDS.md 1.5: "Issuer and subject combination already exists for this Managed Identity."
  if (clash)
    errors.push({
      path: "spec.subject",
      message: `Credential "${clash.name}" on this identity already has this issuer and subject; Entra allows one.`,
    });
  return { errors, warnings };
}

function matchFindings({ spec, workload, issuer, target }: Context): Finding[] {
  const warnings: Finding[] = [];
  if (spec.issuer !== issuer.issuerUrl) {
    warnings.push({
      path: "spec.issuer",
      message: `Tokens from ${workload.name} carry iss ${issuer.issuerUrl}; Entra compares exactly${nearMiss(issuer.issuerUrl, spec.issuer)}, so it would answer AADSTS700211.`,
    });
  }
  if (spec.subject && spec.subject !== workload.subject) {
    warnings.push({
      path: "spec.subject",
      message: `Tokens from ${workload.name} carry sub ${workload.subject}${nearMiss(workload.subject, spec.subject)}; Entra would answer AADSTS700213 (no matching federated identity record).`,
    });
  }
  if (spec.subject?.endsWith(":pull_request")) {
    warnings.push({
      path: "spec.subject",
      message:
        // CLOUDS.md 5.6
        "Any pull-request run in the repository gets this identity; prefer a protected environment.",
      rule: "azure-fic-pull-request",
    });
  } else if (spec.subject?.includes(":ref:refs/heads/")) {
    warnings.push({
      path: "spec.subject",
      message:
        "Any workflow run on this branch gets this identity, without reviewers; an environment subject lets GitHub's protection rules gate it.",
      rule: "azure-fic-branch",
    });
  }
  if (spec.subject) {
    warnings.push(...mutableGithubSubjectFindings("spec.subject", [spec.subject], workload));
  }
  if (spec.audiences[0] !== defaultAzureAudience) {
    warnings.push({
      path: "spec.audiences.0",
      message: `Entra's documented audience is ${defaultAzureAudience}; the workload must request exactly this value instead.`,
    });
  }
  if (spec.claimsMatchingExpression && target.kind === "azure-uami") {
    warnings.push({
      path: "spec.claimsMatchingExpression.value",
      message:
        // CLOUDS.md 1.6
        "Flexible credentials are documented for app registrations only; the ARM preview accepts them on managed identities.",
    });
  }
  return warnings;
}

export function azureBindingFindings(context: Context): Findings {
  const { spec, previous } = context;
  const errors: Finding[] = [];
  // CLOUDS.md 1.5: a FIC's name is immutable after creation.
  if (previous && previous.name !== spec.name) {
    errors.push({
      path: "spec.name",
      message: "Entra cannot rename a federated credential; delete it and create a new one.",
    });
  }
  const expression = spec.claimsMatchingExpression
    ? prefixFindings(
        "spec.claimsMatchingExpression",
        ficExpressionFindings(
          spec.claimsMatchingExpression.value,
          spec.claimsMatchingExpression.languageVersion,
          spec.issuer,
        ),
      )
    : { errors: [], warnings: [] };
  const capacity = capacityFindings(context);
  return {
    errors: [...errors, ...capacity.errors, ...expression.errors],
    warnings: [...capacity.warnings, ...expression.warnings, ...matchFindings(context)],
  };
}
