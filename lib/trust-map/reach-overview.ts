import type { Cloud } from "@/lib/clouds/types";
import { clouds, targetKindInfo } from "@/lib/clouds/registry";
import { trustMapEdges, trustMapOpenEdges, type TrustMap } from "@/lib/trust-map/build-trust-map";
import { byIds, reachEntry } from "@/lib/trust-map/reach-views";
import type { TReachEntry } from "@/lib/trust-map/reach-schemas";

// The overview's summary of the catalogue and its trust graph (issue 15
// item 6): counts per cloud, the trusts that do not work as declared or
// cannot be decided, and the edges by kind for the map preview.

export type CloudCounts = { targets: number; bindings: number };

export type TrustOverview = {
  issuers: number;
  workloads: number;
  perCloud: Record<Cloud, CloudCounts>;
  edges: {
    /** Accepted for the workload the binding was made for. */
    declared: number;
    /** Accepted for a workload the binding was not made for. */
    beyondDeclared: number;
    broken: number;
    undecided: number;
    /** Bindings admitting identities beyond the catalogue. */
    open: number;
  };
  /** Broken first, then undecided, at most `limit` of them. */
  attention: TReachEntry[];
  attentionTotal: number;
};

export function summarizeTrustMap(map: TrustMap, { limit = 10 } = {}): TrustOverview {
  const perCloud = Object.fromEntries(
    clouds.map((cloud) => [cloud, { targets: 0, bindings: 0 }]),
  ) as Record<Cloud, CloudCounts>;
  for (const target of map.targets.values())
    perCloud[targetKindInfo(target.kind).cloud].targets += 1;
  for (const binding of map.bindings.values()) perCloud[binding.cloud].bindings += 1;
  const edges = { declared: 0, beyondDeclared: 0, broken: 0, undecided: 0, open: 0 };
  const attention = [];
  for (const edge of trustMapEdges(map)) {
    if (edge.kind === "effective") {
      if (edge.declared) edges.declared += 1;
      else edges.beyondDeclared += 1;
      continue;
    }
    edges[edge.kind] += 1;
    attention.push(edge);
  }
  edges.open = trustMapOpenEdges(map).length;
  const order = { broken: 0, undecided: 1, effective: 2 } as const;
  const listed = attention
    .map((edge) => reachEntry(map, edge))
    .sort(
      (a, b) =>
        order[a.kind] - order[b.kind] ||
        a.target.name.localeCompare(b.target.name) ||
        a.binding.name.localeCompare(b.binding.name) ||
        a.workload.name.localeCompare(b.workload.name) ||
        byIds(a, b),
    );
  return {
    issuers: map.issuers.size,
    workloads: map.workloads.size,
    perCloud,
    edges,
    attention: listed.slice(0, limit),
    attentionTotal: listed.length,
  };
}
