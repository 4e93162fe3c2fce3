import { diffSnapshots } from "@/lib/audit/diff";
import { prefixFindings, type Findings } from "@/lib/catalog/findings";
import { cloudCatalog, targetKindInfo } from "@/lib/clouds/registry";
import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { admittedSubjects } from "@/lib/sync/import/admitted-subjects";
import { checkBinding, parseBindingSpec } from "@/lib/sync/import/check-binding";
import type {
  TBindingProposal,
  TDiscovered,
  TFieldDiff,
  TIssuerPlan,
  TProposalSummary,
  TTargetProposal,
} from "@/lib/sync/import/import-schemas";
import { NameBook } from "@/lib/sync/import/name-book";
import { issuerPlanner, type CatalogIssuer } from "@/lib/sync/import/plan-issuer";
import { workloadPlanner, type CatalogWorkload } from "@/lib/sync/import/plan-workload";
import { bindingProposalId, targetProposalId } from "@/lib/sync/import/proposal-id";

// Proposals: what an import would add to the catalogue, computed from the
// cloud's objects and the catalogue as it is now (pure; lib/sync/import/
// load-catalogue.ts reads the catalogue). Every row is judged by the rules a
// form or the API applies to the same row, so what is selectable here is
// what the create use-cases accept at commit.

export type CatalogTarget = {
  id: string;
  name: string;
  kind: TargetKind;
  externalId: string;
  config: unknown;
  bindings: { id: string; name: string; spec: unknown }[];
};

export type CatalogueSnapshot = {
  issuers: CatalogIssuer[];
  workloads: CatalogWorkload[];
  targets: CatalogTarget[];
  names: { issuers: string[]; workloads: string[]; targets: string[] };
};

export type ProposalInput = {
  cloud: Cloud;
  discovered: TDiscovered;
  catalogue: CatalogueSnapshot;
  /** The adapter's bindingKey: how a catalogue spec matches a cloud object. */
  bindingKey: (spec: unknown) => string;
};

export type Proposals = {
  targets: TTargetProposal[];
  summary: TProposalSummary;
  readErrors: TDiscovered["errors"];
};

type DiscoveredTarget = TDiscovered["targets"][number];
type DiscoveredBinding = DiscoveredTarget["bindings"][number];
type TargetRef = BindingContext["target"];
type Sibling = BindingContext["siblings"][number];

const error = (path: string, message: string): Findings => ({
  errors: [{ path, message }],
  warnings: [],
});

function fieldDiff(catalogue: unknown, cloud: unknown): TFieldDiff[] {
  return diffSnapshots(catalogue, cloud)
    .filter((row) => row.change !== "same")
    .map((row) => ({ path: row.path, catalogue: row.before, cloud: row.after }));
}

function safeKey(bindingKey: (spec: unknown) => string, spec: unknown): string | null {
  try {
    return bindingKey(spec);
  } catch {
    return null;
  }
}

export function buildProposals({
  cloud,
  discovered,
  catalogue,
  bindingKey,
}: ProposalInput): Proposals {
  const catalog = cloudCatalog(cloud);
  const planIssuer = issuerPlanner(catalogue.issuers, new NameBook(catalogue.names.issuers));
  const planWorkload = workloadPlanner(
    catalogue.workloads,
    new NameBook(catalogue.names.workloads),
  );
  const targetNames = new NameBook(catalogue.names.targets);
  const catalogued = new Map(catalogue.targets.map((target) => [target.externalId, target]));

  const lookupName = (target: TargetRef, spec: unknown, fallback: string) => {
    try {
      return catalog.bindingLookup({ spec, target, ...placeholderParties }).name;
    } catch {
      return fallback;
    }
  };

  const proposeTarget = (actual: DiscoveredTarget): TTargetProposal => {
    const info = targetKindInfo(actual.kind);
    const parsed = info.configSchema.safeParse(actual.config);
    const findings: Findings = parsed.success
      ? prefixFindings("config", info.findings(parsed.data))
      : {
          errors: invalidParamsFrom(parsed.error).map((param) => ({
            path: `config.${param.name}`,
            message: `The value read from the cloud ${param.reason}.`,
          })),
          warnings: [],
        };
    const existing = catalogued.get(actual.externalId);
    const diff = existing && parsed.success ? fieldDiff(existing.config, parsed.data) : [];
    const status = existing ? (diff.length > 0 ? "conflicting" : "catalogued") : "new";
    const name = existing?.name ?? targetNames.claim(actual.displayName || actual.externalId);
    const config = existing ? existing.config : parsed.success ? parsed.data : null;
    const target: TargetRef | null =
      config === null ? null : { id: existing?.id ?? "", kind: actual.kind, name, config };

    const cataloguedByKey = new Map<string, CatalogTarget["bindings"][number]>();
    for (const row of existing?.bindings ?? []) {
      const key = safeKey(bindingKey, row.spec);
      if (key !== null) cataloguedByKey.set(key, row);
    }
    const discoveredSiblings: (Sibling & { key: string })[] = target
      ? actual.bindings
          .filter((binding) => !cataloguedByKey.has(binding.key))
          .flatMap((binding) => {
            const spec = parseBindingSpec(cloud, binding.spec);
            if (!spec.success) return [];
            const id = bindingProposalId(actual.externalId, binding.key);
            return [
              {
                id,
                key: binding.key,
                name: lookupName(target, spec.data, binding.key),
                spec: spec.data,
              },
            ];
          })
      : [];
    const siblingsOf = (key: string): Sibling[] => [
      ...(existing?.bindings ?? []).filter((row) => safeKey(bindingKey, row.spec) !== key),
      ...discoveredSiblings.filter((sibling) => sibling.key !== key),
    ];

    const targetBlocked = status === "new" && findings.errors.length > 0;
    const bindings = actual.bindings.map((binding) =>
      proposeBinding({
        actual: binding,
        id: bindingProposalId(actual.externalId, binding.key),
        target,
        targetBlocked,
        siblings: siblingsOf(binding.key),
        catalogued: cataloguedByKey.get(binding.key) ?? null,
      }),
    );
    return {
      id: targetProposalId(actual.externalId),
      status,
      selectable: status === "new" && findings.errors.length === 0,
      cloud,
      kind: actual.kind,
      name,
      displayName: actual.displayName,
      externalId: actual.externalId,
      config: actual.config,
      catalogueTargetId: existing?.id ?? null,
      diff,
      findings,
      bindings,
      foreign: (actual.foreign ?? []).map(({ key, description }) => ({ key, description })),
    };
  };

  const proposeBinding = ({
    actual,
    id,
    target,
    targetBlocked,
    siblings,
    catalogued: row,
  }: {
    actual: DiscoveredBinding;
    id: string;
    target: TargetRef | null;
    targetBlocked: boolean;
    siblings: Sibling[];
    catalogued: CatalogTarget["bindings"][number] | null;
  }): TBindingProposal => {
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

  const targets = discovered.targets.map(proposeTarget);
  return { targets, summary: summarize(targets, discovered), readErrors: discovered.errors };
}

/** Stand-ins for the parties a lookup or a parse does not read. */
const placeholderParties = {
  workload: { id: "", name: "the workload", subject: "", subjectSpec: null },
  issuer: { issuerUrl: "", kind: "generic" as const },
  siblings: [],
};

function summarize(targets: TTargetProposal[], discovered: TDiscovered): TProposalSummary {
  const counts = () => ({ new: 0, catalogued: 0, conflicting: 0 });
  const summary: TProposalSummary = {
    targets: counts(),
    bindings: counts(),
    blocked: 0,
    foreign: 0,
    readErrors: discovered.errors.length,
  };
  for (const target of targets) {
    summary.targets[target.status] += 1;
    if (target.status === "new" && !target.selectable) summary.blocked += 1;
    summary.foreign += target.foreign.length;
    for (const binding of target.bindings) {
      summary.bindings[binding.status] += 1;
      if (binding.status === "new" && !binding.selectable) summary.blocked += 1;
    }
  }
  return summary;
}
