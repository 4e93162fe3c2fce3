import { diffSnapshots } from "@/lib/audit/diff";
import type { Findings } from "@/lib/catalog/findings";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { BindingContext, Cloud } from "@/lib/clouds/types";
import { admittedSubjects } from "@/lib/sync/import/admitted-subjects";
import { checkBinding, parseBindingSpec } from "@/lib/sync/import/check-binding";
import type {
  TBindingProposal,
  TDiscovered,
  TFieldDiff,
  TIssuerPlan,
} from "@/lib/sync/import/import-schemas";
import type { WorkloadPlanner } from "@/lib/sync/import/plan-workload";

// One cloud object as a proposed binding: its issuer and workload planned,
// the cloud's rules applied as if it were created on its target (with the
// target's other bindings as siblings), and compared with the catalogued
// binding of the same key, if any, through the catalogue's own cloud object.

type DiscoveredBinding = TDiscovered["targets"][number]["bindings"][number];
type TargetRef = BindingContext["target"];
type Sibling = BindingContext["siblings"][number];
export type CataloguedBinding = { id: string; name: string; spec: unknown };

const error = (path: string, message: string): Findings => ({
  errors: [{ path, message }],
  warnings: [],
});

export function fieldDiff(catalogue: unknown, cloud: unknown): TFieldDiff[] {
  return diffSnapshots(catalogue, cloud)
    .filter((row) => row.change !== "same")
    .map((row) => ({ path: row.path, catalogue: row.before, cloud: row.after }));
}

/** Stand-ins for the parties a lookup or a parse does not read. */
export const placeholderParties = {
  workload: { id: "", name: "the workload", subject: "", subjectSpec: null },
  issuer: { issuerUrl: "", kind: "generic" as const },
  siblings: [],
};

export type BindingProposer = (input: {
  actual: DiscoveredBinding;
  id: string;
  target: TargetRef | null;
  targetBlocked: boolean;
  siblings: Sibling[];
  catalogued: CataloguedBinding | null;
}) => TBindingProposal;

export function bindingProposer({
  cloud,
  planIssuer,
  planWorkload,
  lookupName,
}: {
  cloud: Cloud;
  planIssuer: (issuerUrl: string) => TIssuerPlan;
  planWorkload: WorkloadPlanner;
  lookupName: (target: TargetRef, spec: unknown, fallback: string) => string;
}): BindingProposer {
  const catalog = cloudCatalog(cloud);
  return ({ actual, id, target, targetBlocked, siblings, catalogued: row }) => {
    const base = {
      id,
      key: actual.key,
      name: actual.key,
      spec: actual.spec,
      cloudObject: actual.cloudObject,
      catalogueBindingId: row?.id ?? null,
      issuer: null as TIssuerPlan | null,
      workload: null,
      diff: [] as TFieldDiff[],
    };
    const blocked = (findings: Findings): TBindingProposal => ({
      ...base,
      status: row ? "conflicting" : "new",
      selectable: false,
      findings,
    });
    if (!target)
      return blocked(
        error("target", "The target's settings are invalid, so its bindings cannot be checked."),
      );
    const spec = parseBindingSpec(cloud, actual.spec);
    if (!spec.success)
      return blocked(
        checkBinding(cloud, { target, ...placeholderParties, siblings }, actual.spec).findings,
      );
    const name = lookupName(target, spec.data, actual.key);
    const issuer = planIssuer(
      catalog.bindingLookup({ spec: spec.data, target, ...placeholderParties }).issuerUrl,
    );
    const attributeMapping =
      (target.config as { attributeMapping?: Record<string, string> }).attributeMapping ?? {};
    const admitted = admittedSubjects(cloud, spec.data);
    const planned = planWorkload({ admitted, issuer, attributeMapping });
    const workload = "plan" in planned ? planned.plan : null;
    const checked = checkBinding(
      cloud,
      {
        target,
        siblings,
        issuer: { issuerUrl: issuer.issuerUrl, kind: issuer.kind },
        workload: workload
          ? {
              id: workload.id ?? "",
              name: workload.name,
              subject: workload.subject,
              subjectSpec: workload.subjectSpec,
            }
          : {
              ...placeholderParties.workload,
              subject: admitted.kind === "exact" ? admitted.subject : "",
            },
      },
      actual.spec,
    );
    const diff =
      row && checked.context
        ? fieldDiff(
            catalog.cloudObject({ ...checked.context, spec: row.spec }),
            catalog.cloudObject(checked.context),
          )
        : [];
    const status = row ? (diff.length > 0 ? "conflicting" : "catalogued") : "new";
    const findings: Findings = {
      errors: [
        ...("error" in planned ? [{ path: "workload", message: planned.error }] : []),
        ...checked.findings.errors,
      ],
      // Without a workload, what the rules say about "the workload's sub" is noise.
      warnings: workload ? checked.findings.warnings : [],
    };
    const selectable =
      status === "new" &&
      !targetBlocked &&
      issuer.findings.errors.length === 0 &&
      findings.errors.length === 0;
    return { ...base, name, issuer, workload, diff, status, selectable, findings };
  };
}
