import { oidcProviderKey } from "@/lib/clouds/aws/ids";
import type { TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import type { TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { parseMember } from "@/lib/clouds/gcp/principals";
import type { Cloud } from "@/lib/clouds/types";
import { hasWildcard } from "@/lib/federation/wildcard";

// Which `sub` values a binding admits, for naming the workload an imported
// binding belongs to: one exact subject (the workload is built from it), or
// a set (a wildcard, an expression, a principalSet) that names no single
// workload and is attached to a catalogued workload it admits.

export type SubjectPattern = { text: string; glob: boolean };

export type Admitted =
  | { kind: "exact"; subject: string }
  | {
      kind: "set";
      /** How the set reads, shown to the operator and used as a free-form subject. */
      label: string;
      patterns: SubjectPattern[];
      /** GCP principalSet on a mapped attribute. */
      attribute?: { name: string; value: string };
    };

function fromPatterns(patterns: SubjectPattern[], label: string): Admitted {
  const only = patterns[0];
  if (patterns.length === 1 && only && !only.glob) return { kind: "exact", subject: only.text };
  return { kind: "set", label, patterns };
}

// Flexible FIC terms: claims['sub'] eq 'x' / matches 'x', joined by `and`
// (CLOUDS.md 1.6, https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-flexible-federated-identity-credentials).
function azureAdmitted(spec: TAzureBindingSpec): Admitted {
  if (spec.subject) return { kind: "exact", subject: spec.subject };
  const expression = spec.claimsMatchingExpression?.value ?? "";
  const patterns: SubjectPattern[] = [];
  for (const term of expression.matchAll(/claims\['sub'\] (eq|matches) '((?:[^']|'')*)'/g)) {
    const text = (term[2] ?? "").replaceAll("''", "'");
    patterns.push({ text, glob: term[1] === "matches" && hasWildcard(text) });
  }
  return patterns.length === 1
    ? fromPatterns(patterns, expression)
    : { kind: "set", label: expression, patterns };
}

// IAM: StringEquals compares exactly, StringLike with * and ? (CLOUDS.md 2.5,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
function awsAdmitted(spec: TAwsBindingSpec): Admitted {
  const wanted = `${oidcProviderKey(spec.providerUrl)}:sub`.toLowerCase();
  const patterns: SubjectPattern[] = [];
  const condition = (spec.statement as { Condition?: unknown } | undefined)?.Condition;
  const blocks =
    spec.mode === "builder" && spec.builder
      ? { [spec.builder.subjectOperator]: { [wanted]: spec.builder.subjects } }
      : typeof condition === "object" && condition !== null
        ? (condition as Record<string, unknown>)
        : {};
  for (const [operator, block] of Object.entries(blocks)) {
    if (typeof block !== "object" || block === null) continue;
    const isLike = /like$/i.test(operator);
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      if (key.toLowerCase() !== wanted) continue;
      for (const value of [values].flat()) {
        if (typeof value === "string")
          patterns.push({ text: value, glob: isLike && hasWildcard(value) });
      }
    }
  }
  return fromPatterns(
    patterns,
    patterns.map((pattern) => pattern.text).join(" or ") || "any subject",
  );
}

// https://cloud.google.com/iam/docs/principal-identifiers (CLOUDS.md 3.7).
function gcpAdmitted(spec: TGcpBindingSpec): Admitted {
  const member = parseMember(spec.member ?? "");
  if (member?.kind === "subject") return { kind: "exact", subject: member.value };
  if (member?.kind === "attribute") {
    return {
      kind: "set",
      label: `attribute.${member.attribute} = ${member.value}`,
      patterns: [],
      attribute: { name: member.attribute, value: member.value },
    };
  }
  return { kind: "set", label: spec.member ?? "every identity of the pool", patterns: [] };
}

export function admittedSubjects(cloud: Cloud, spec: unknown): Admitted {
  switch (cloud) {
    case "azure":
      return azureAdmitted(spec as TAzureBindingSpec);
    case "aws":
      return awsAdmitted(spec as TAwsBindingSpec);
    case "gcp":
      return gcpAdmitted(spec as TGcpBindingSpec);
  }
}
