import type { TrustMap } from "@/lib/trust-map/build-trust-map";
import { filedAt } from "@/lib/trust-map/filed-ids";
import { lookAlikeKey } from "@/lib/trust-map/look-alike-key";
import type { Part } from "@/lib/trust-map/trust-map-state";
import type { TrustEdge } from "@/lib/trust-map/trust-map-types";
import type {
  TReachEntry,
  TReachOpen,
  TTargetReach,
  TWorkloadReach,
} from "@/lib/trust-map/reach-schemas";

// "Who can reach this target?" and "what does this workload reach?", read
// from the effective trust graph: every edge, including those of bindings
// made for another workload, plus a target's open edges.

/** The part holding a binding's edges, found by index rather than by walking the graph. */
function partOfBinding(map: TrustMap, bindingId: string): Part | undefined {
  const binding = map.bindings.get(bindingId);
  return binding && map.parts.get(lookAlikeKey(binding.issuerUrl));
}

function edgesOf(map: TrustMap, bindingIds: Iterable<string>): TrustEdge[] {
  return [...bindingIds].flatMap((id) => partOfBinding(map, id)?.edges.get(id) ?? []);
}

const kindOrder = { effective: 0, undecided: 1, broken: 2 } as const;

export function reachEntry(map: TrustMap, edge: TrustEdge): TReachEntry {
  const { kind, declared, cloud, bindingId, targetId, workloadId, ...judgement } = edge;
  const binding = map.bindings.get(bindingId);
  const target = map.targets.get(targetId);
  const workload = map.workloads.get(workloadId);
  return {
    kind,
    declared,
    cloud,
    binding: { id: bindingId, name: binding?.name ?? "" },
    target: { id: targetId, name: target?.name ?? "", kind: target?.kind ?? "" },
    workload: { id: workloadId, name: workload?.name ?? "" },
    ...judgement,
  };
}

type Named = { id: string; name: string };

/**
 * The last word when two entries' names tie (names may repeat): their ids,
 * so a list's order never depends on the order the map learnt its rows in.
 */
export function byIds(
  a: { target: Named; workload: Named; binding: Named },
  b: { target: Named; workload: Named; binding: Named },
): number {
  return (
    a.target.id.localeCompare(b.target.id) ||
    a.workload.id.localeCompare(b.workload.id) ||
    a.binding.id.localeCompare(b.binding.id)
  );
}

function sorted(entries: TReachEntry[]): TReachEntry[] {
  return entries.sort(
    (a, b) =>
      kindOrder[a.kind] - kindOrder[b.kind] ||
      a.target.name.localeCompare(b.target.name) ||
      a.workload.name.localeCompare(b.workload.name) ||
      a.binding.name.localeCompare(b.binding.name) ||
      byIds(a, b),
  );
}

/** The target's edges and open edges; null when the map holds no such target. */
export function targetReach(map: TrustMap, targetId: string): TTargetReach | null {
  const target = map.targets.get(targetId);
  if (!target) return null;
  const bindingIds = map.bindingsByTarget.get(targetId) ?? new Set<string>();
  const edges = edgesOf(map, bindingIds);
  const open: TReachOpen[] = [...bindingIds]
    .flatMap((id) => partOfBinding(map, id)?.open.get(id) ?? [])
    .map((edge) => ({
      cloud: edge.cloud,
      binding: { id: edge.bindingId, name: map.bindings.get(edge.bindingId)?.name ?? "" },
      issuerUrl: edge.issuerUrl,
      admits: edge.admits,
    }))
    .sort(
      (a, b) =>
        a.binding.name.localeCompare(b.binding.name) || a.binding.id.localeCompare(b.binding.id),
    );
  return {
    target: { id: target.id, name: target.name },
    edges: sorted(edges.map((edge) => reachEntry(map, edge))),
    open,
  };
}

/** Every edge to the workload, its own bindings' and other workloads'; null when unknown. */
export function workloadReach(map: TrustMap, workloadId: string): TWorkloadReach | null {
  const workload = map.workloads.get(workloadId);
  if (!workload) return null;
  const bindingIds = new Set([
    ...filedAt(map.edgesByWorkload, workloadId),
    ...filedAt(map.bindingsByWorkload, workloadId),
  ]);
  const edges = edgesOf(map, bindingIds).filter((edge) => edge.workloadId === workloadId);
  return {
    workload: { id: workload.id, name: workload.name },
    edges: sorted(edges.map((edge) => reachEntry(map, edge))),
  };
}
