import type { TSyncState } from "@/lib/schemas/binding";
import type { TrustMap } from "@/lib/trust-map/build-trust-map";
import { filedAt } from "@/lib/trust-map/filed-ids";
import { trustMapEdges, trustMapOpenEdges } from "@/lib/trust-map/build-trust-map";
import type {
  GraphView,
  TGraphEdge,
  TGraphFilters,
  TGraphNode,
} from "@/lib/trust-map/graph-view-types";
import {
  findingsKey,
  isAtLeast,
  mergeFindings,
  type MapFindingsIndex,
} from "@/lib/trust-map/map-findings";
import type { OpenEdge, TrustEdge } from "@/lib/trust-map/trust-map-types";

// The effective trust graph cut to what a filter asks for, as nodes in three
// columns (issuers → workloads → targets) and edges: "issues" from an issuer
// to its workloads, one edge per workload–binding judgement, and one per
// open trust from a node standing for "identities outside the catalogue".

export const nodeId = {
  issuer: (id: string) => `issuer:${id}`,
  workload: (id: string) => `workload:${id}`,
  target: (id: string) => `target:${id}`,
  open: (bindingId: string) => `open:${bindingId}`,
};

type ViewInput = {
  map: TrustMap;
  /** Each binding's sync state, by binding id. */
  syncStates: ReadonlyMap<string, TSyncState>;
  filters?: TGraphFilters;
  /** Open findings by entity; without them the map shows none and the severity filter keeps nothing. */
  findings?: MapFindingsIndex;
};

const findingsOf = (input: ViewInput, type: "binding" | "target" | "issuer", id: string) =>
  input.findings?.get(findingsKey(type, id));

/** A node's findings: its own, and those of the bindings on it (a target) or made for it (a workload). */
function nodeFindings(input: ViewInput, type: "workload" | "target" | "issuer", id: string) {
  const { map } = input;
  const bindings =
    type === "target"
      ? map.bindingsByTarget.get(id)
      : type === "workload"
        ? filedAt(map.bindingsByWorkload, id)
        : undefined;
  return mergeFindings([
    type === "workload" ? undefined : findingsOf(input, type, id),
    ...[...(bindings ?? [])].map((bindingId) => findingsOf(input, "binding", bindingId)),
  ]);
}

function reasonOf(edge: TrustEdge): string | null {
  if (edge.failingCheck) return edge.failingCheck.message;
  if (edge.broad) return edge.broad;
  if (edge.dependsOn?.length)
    return `Depends on claims Fedlens cannot predict: ${edge.dependsOn.join(", ")}.`;
  return null;
}

function keepsBinding(
  input: ViewInput,
  edge: { cloud: TrustEdge["cloud"]; targetId: string; bindingId: string },
): boolean {
  const { filters, syncStates } = input;
  if (!filters) return true;
  if (filters.cloud && edge.cloud !== filters.cloud) return false;
  if (filters.target && !filters.target.includes(edge.targetId)) return false;
  if (filters.sync && syncStates.get(edge.bindingId) !== filters.sync) return false;
  if (
    filters.severity &&
    !isAtLeast(findingsOf(input, "binding", edge.bindingId), filters.severity)
  )
    return false;
  return true;
}

function trustEdgeOf(input: ViewInput, edge: TrustEdge): TGraphEdge {
  return {
    type: "edge",
    id: `trust:${edge.bindingId}:${edge.workloadId}`,
    source: nodeId.workload(edge.workloadId),
    target: nodeId.target(edge.targetId),
    kind: edge.kind,
    cloud: edge.cloud,
    bindingId: edge.bindingId,
    bindingName: input.map.bindings.get(edge.bindingId)?.name ?? null,
    declared: edge.declared,
    syncState: input.syncStates.get(edge.bindingId) ?? null,
    reason: reasonOf(edge),
    cloudErrorCode: edge.cloudError?.code ?? null,
    findings: findingsOf(input, "binding", edge.bindingId),
  };
}

function openEdgeOf(input: ViewInput, edge: OpenEdge): TGraphEdge {
  return {
    type: "edge",
    id: `open:${edge.bindingId}`,
    source: nodeId.open(edge.bindingId),
    target: nodeId.target(edge.targetId),
    kind: "open",
    cloud: edge.cloud,
    bindingId: edge.bindingId,
    bindingName: input.map.bindings.get(edge.bindingId)?.name ?? null,
    declared: false,
    syncState: input.syncStates.get(edge.bindingId) ?? null,
    reason: edge.admits,
    cloudErrorCode: null,
    findings: findingsOf(input, "binding", edge.bindingId),
  };
}

/** The graph, filtered; with no filter every catalogued entity appears, linked or not. */
export function buildGraphView(input: ViewInput): GraphView {
  const { map, filters } = input;
  const issuerFilter = filters?.issuer ? new Set(filters.issuer) : null;
  const kinds = filters?.trust ? new Set(filters.trust) : null;
  const isFiltered = Boolean(
    filters?.cloud ||
    filters?.target ||
    filters?.sync ||
    filters?.severity ||
    issuerFilter ||
    kinds,
  );
  const issuerOfWorkload = (id: string) => map.workloads.get(id)?.issuerId;

  const trust = trustMapEdges(map)
    .filter((edge) => !kinds || kinds.has(edge.kind))
    .filter((edge) => keepsBinding(input, edge))
    .filter((edge) => !issuerFilter || issuerFilter.has(issuerOfWorkload(edge.workloadId) ?? ""));
  // An open trust belongs to the issuers whose URL it trusts.
  const open = trustMapOpenEdges(map)
    .filter(() => !kinds || kinds.has("open"))
    .filter((edge) => keepsBinding(input, edge))
    .filter(
      (edge) =>
        !issuerFilter ||
        [...issuerFilter].some((id) => {
          const url = map.issuers.get(id)?.issuerUrl;
          return (
            url === edge.issuerUrl || (url !== undefined && edge.otherIssuerUrls?.includes(url))
          );
        }),
    );

  const workloads = new Set<string>();
  const targets = new Set<string>();
  for (const edge of trust) {
    workloads.add(edge.workloadId);
    targets.add(edge.targetId);
  }
  for (const edge of open) targets.add(edge.targetId);
  const severity = filters?.severity;
  if (severity) {
    // A target's own findings (e.g. a provider with no condition) show it even without a trust.
    for (const id of map.targets.keys()) {
      if (isAtLeast(findingsOf(input, "target", id), severity) && keepsOwn(input, "target", id))
        targets.add(id);
    }
  }
  if (!isFiltered) {
    for (const id of map.workloads.keys()) workloads.add(id);
    for (const id of map.targets.keys()) targets.add(id);
  } else if (issuerFilter && !filters?.cloud && !filters?.target && !filters?.sync) {
    for (const id of issuerFilter)
      for (const w of map.workloadsByIssuer.get(id) ?? []) workloads.add(w);
  }
  const issuers = new Set<string>();
  for (const id of workloads) {
    const issuerId = issuerOfWorkload(id);
    if (issuerId) issuers.add(issuerId);
  }
  if (!isFiltered) for (const id of map.issuers.keys()) issuers.add(id);
  if (severity) {
    for (const id of map.issuers.keys()) {
      if (isAtLeast(findingsOf(input, "issuer", id), severity) && keepsOwn(input, "issuer", id))
        issuers.add(id);
    }
  }
  if (issuerFilter && !filters?.cloud && !filters?.target && !filters?.sync) {
    for (const id of issuerFilter) if (map.issuers.has(id)) issuers.add(id);
  }

  const nodes: TGraphNode[] = [];
  for (const id of issuers) {
    const issuer = map.issuers.get(id);
    if (!issuer) continue;
    nodes.push({
      type: "node",
      id: nodeId.issuer(id),
      kind: "issuer",
      label: issuer.name,
      detail: issuer.issuerUrl,
      cloud: null,
      href: `/issuers/${id}`,
      findings: nodeFindings(input, "issuer", id),
    });
  }
  const edges: TGraphEdge[] = [];
  for (const id of workloads) {
    const workload = map.workloads.get(id);
    if (!workload) continue;
    nodes.push({
      type: "node",
      id: nodeId.workload(id),
      kind: "workload",
      label: workload.name,
      detail: workload.subject,
      cloud: null,
      href: `/workloads/${id}`,
      findings: nodeFindings(input, "workload", id),
    });
    if (issuers.has(workload.issuerId)) {
      edges.push(issuesEdge(workload.issuerId, id));
    }
  }
  for (const edge of open) {
    nodes.push({
      type: "node",
      id: nodeId.open(edge.bindingId),
      kind: "open",
      label: "Outside the catalogue",
      detail: edge.admits,
      cloud: edge.cloud,
      href: null,
    });
  }
  for (const id of targets) {
    const target = map.targets.get(id);
    if (!target) continue;
    nodes.push({
      type: "node",
      id: nodeId.target(id),
      kind: "target",
      label: target.name,
      detail: target.kind,
      cloud: cloudOfTargetKind(target.kind),
      href: `/targets/${id}`,
      findings: nodeFindings(input, "target", id),
    });
  }
  edges.push(...trust.map((edge) => trustEdgeOf(input, edge)));
  edges.push(...open.map((edge) => openEdgeOf(input, edge)));
  return { nodes, edges };
}

/** Whether an issuer or target shown for its own findings passes the other filters. */
function keepsOwn({ map, filters }: ViewInput, type: "issuer" | "target", id: string): boolean {
  if (!filters || filters.sync) return !filters;
  if (type === "issuer") {
    return !filters.cloud && !filters.target && (!filters.issuer || filters.issuer.includes(id));
  }
  const kind = map.targets.get(id)?.kind;
  if (filters.cloud && (!kind || cloudOfTargetKind(kind) !== filters.cloud)) return false;
  return !filters.issuer && (!filters.target || filters.target.includes(id));
}

function issuesEdge(issuerId: string, workloadId: string): TGraphEdge {
  return {
    type: "edge",
    id: `issues:${workloadId}`,
    source: nodeId.issuer(issuerId),
    target: nodeId.workload(workloadId),
    kind: "issues",
    cloud: null,
    bindingId: null,
    bindingName: null,
    declared: false,
    syncState: null,
    reason: null,
    cloudErrorCode: null,
  };
}

// Target kinds are named after their cloud ("azure-uami", "aws-role",
// "gcp-provider"); reading the prefix keeps the cloud registry out of here.
function cloudOfTargetKind(kind: string): TGraphNode["cloud"] {
  if (kind.startsWith("azure")) return "azure";
  if (kind.startsWith("aws")) return "aws";
  if (kind.startsWith("gcp")) return "gcp";
  return null;
}
