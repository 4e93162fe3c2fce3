import { ZFreeSubjectSpec } from "@/lib/catalog/subjects/free";
import { parseSubject } from "@/lib/catalog/subjects/parse-subject";
import { subjectSpecKindFor } from "@/lib/catalog/subjects/subject-spec";
import { matchesWildcard } from "@/lib/federation/wildcard";
import type { Admitted } from "@/lib/sync/import/admitted-subjects";
import type { TIssuerPlan, TWorkloadPlan } from "@/lib/sync/import/import-schemas";
import type { NameBook } from "@/lib/sync/import/name-book";

// The workload an imported binding is declared for. An exact subject is
// built with the issuer's subject builder (a catalogued workload with that
// subject is reused). A set (wildcard, expression, principalSet) names no
// single workload: it is attached to the first catalogued workload of the
// issuer it admits, by name; failing that, an issuer whose subjects are
// free-form gets a workload named after the set; an issuer with a subject
// format (GitHub…) cannot, and the operator adds the workload first.

export type CatalogWorkload = {
  id: string;
  name: string;
  issuerId: string;
  subject: string;
  subjectSpec: unknown;
};

export type WorkloadPlanResult = { plan: TWorkloadPlan } | { error: string };

/** A claim the workload's tokens carry, where its subject spec says (CLOUDS.md §4). */
function workloadClaim(workload: CatalogWorkload, claim: string): string | undefined {
  if (claim === "sub") return workload.subject;
  const spec = workload.subjectSpec as Record<string, string | undefined>;
  if (spec.kind === "github" && spec.owner && spec.repo) {
    if (claim === "repository") return `${spec.owner}/${spec.repo}`;
    if (claim === "repository_owner") return spec.owner;
  }
  if (spec.kind === "gitlab" && claim === "project_path") return spec.projectPath;
  return undefined;
}

function admits(
  admitted: Extract<Admitted, { kind: "set" }>,
  workload: CatalogWorkload,
  attributeMapping: Record<string, string>,
): boolean {
  if (admitted.attribute) {
    // Only a plain `assertion.<claim>` mapping can be followed without running CEL.
    const source = attributeMapping[`attribute.${admitted.attribute.name}`]?.trim() ?? "";
    const claim = /^assertion\.([A-Za-z0-9_]+)$/.exec(source)?.[1];
    return claim !== undefined && workloadClaim(workload, claim) === admitted.attribute.value;
  }
  return admitted.patterns.some((pattern) =>
    pattern.glob
      ? matchesWildcard(pattern.text, workload.subject)
      : pattern.text === workload.subject,
  );
}

export type WorkloadPlanner = (input: {
  admitted: Admitted;
  issuer: TIssuerPlan;
  attributeMapping: Record<string, string>;
}) => WorkloadPlanResult;

/** One planner per proposal build, so two bindings of one new subject share one new workload. */
export function workloadPlanner(workloads: CatalogWorkload[], names: NameBook): WorkloadPlanner {
  const byIssuer = new Map<string, CatalogWorkload[]>();
  for (const workload of [...workloads].sort((a, b) => a.name.localeCompare(b.name))) {
    byIssuer.set(workload.issuerId, [...(byIssuer.get(workload.issuerId) ?? []), workload]);
  }
  const planned = new Map<string, TWorkloadPlan>();
  const newWorkload = (issuerUrl: string, subject: string, build: () => TWorkloadPlan) => {
    const key = `${issuerUrl}\n${subject}`;
    const known = planned.get(key);
    if (known) return known;
    const plan = build();
    planned.set(key, plan);
    return plan;
  };
  return ({ admitted, issuer, attributeMapping }) => {
    const ofIssuer = (issuer.id && byIssuer.get(issuer.id)) || [];
    const specKind = subjectSpecKindFor(issuer.kind);
    if (admitted.kind === "exact") {
      const existing = ofIssuer.find((workload) => workload.subject === admitted.subject);
      if (existing) return { plan: catalogued(existing, "carries this subject") };
      const spec = parseSubject(specKind, admitted.subject);
      if (!spec) {
        return {
          error: `The subject ${admitted.subject} does not follow the ${issuer.name} subject format, so no workload can be built from it. Add the workload by hand, then reload this page.`,
        };
      }
      return {
        plan: newWorkload(issuer.issuerUrl, admitted.subject, () => ({
          status: "new",
          id: null,
          name: names.claim(admitted.subject),
          subject: admitted.subject,
          subjectSpec: spec,
          reason: "built from the subject",
        })),
      };
    }
    const match = ofIssuer.find((workload) => admits(admitted, workload, attributeMapping));
    if (match) return { plan: catalogued(match, `admitted by ${admitted.label}`) };
    const free = ZFreeSubjectSpec.safeParse({ kind: "free", subject: admitted.label });
    if (specKind === "free" && free.success) {
      return {
        plan: newWorkload(issuer.issuerUrl, admitted.label, () => ({
          status: "new",
          id: null,
          name: names.claim(admitted.label),
          subject: admitted.label,
          subjectSpec: free.data,
          reason: "named after the pattern: it admits more than one workload",
        })),
      };
    }
    return {
      error: `This trust admits ${admitted.label}, not one workload, and no catalogued workload of ${issuer.name} matches it. Add the workload it is meant for, then reload this page.`,
    };
  };
}

function catalogued(workload: CatalogWorkload, reason: string): TWorkloadPlan {
  return {
    status: "catalogued",
    id: workload.id,
    name: workload.name,
    subject: workload.subject,
    subjectSpec: workload.subjectSpec as Record<string, unknown>,
    reason,
  };
}
