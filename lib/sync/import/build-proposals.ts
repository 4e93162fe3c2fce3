import { prefixFindings, type Findings } from "@/lib/catalog/findings";
import { cloudCatalog, targetKindInfo } from "@/lib/clouds/registry";
import type { BindingContext, Cloud, TargetKind } from "@/lib/clouds/types";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { parseBindingSpec } from "@/lib/sync/import/check-binding";
import type {
  TDiscovered,
  TProposalSummary,
  TTargetProposal,
} from "@/lib/sync/import/import-schemas";
import { NameBook } from "@/lib/sync/import/name-book";
import { issuerPlanner, type CatalogIssuer } from "@/lib/sync/import/plan-issuer";
import { workloadPlanner, type CatalogWorkload } from "@/lib/sync/import/plan-workload";
import { bindingProposer, fieldDiff, placeholderParties } from "@/lib/sync/import/propose-binding";
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
type TargetRef = BindingContext["target"];
type Sibling = BindingContext["siblings"][number];

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

  const proposeBinding = bindingProposer({ cloud, planIssuer, planWorkload, lookupName });

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

  const targets = discovered.targets.map(proposeTarget);
  return { targets, summary: summarize(targets, discovered), readErrors: discovered.errors };
}

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
