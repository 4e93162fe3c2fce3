import type { GraphView } from "@/lib/trust-map/graph-view-types";

// Cutting the drawn graph down to what the person looks at: the
// neighbourhood of one node (n hops, edges followed both ways), or the
// bindings a diagnosed token is accepted by.

/** The nodes within `hops` edges of `start`, and the edges between them. */
export function neighbourhood(view: GraphView, start: string, hops: number): GraphView {
  const adjacent = new Map<string, string[]>();
  for (const edge of view.edges) {
    adjacent.set(edge.source, [...(adjacent.get(edge.source) ?? []), edge.target]);
    adjacent.set(edge.target, [...(adjacent.get(edge.target) ?? []), edge.source]);
  }
  const reached = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < hops && frontier.length > 0; hop += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of adjacent.get(id) ?? []) {
        if (!reached.has(other)) {
          reached.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return {
    nodes: view.nodes.filter((node) => reached.has(node.id)),
    edges: view.edges.filter((edge) => reached.has(edge.source) && reached.has(edge.target)),
  };
}

/** The edges of the named bindings, their ends, and the issuers of those workloads. */
export function bindingPaths(view: GraphView, bindingIds: ReadonlySet<string>): GraphView {
  const edges = view.edges.filter((edge) => edge.bindingId && bindingIds.has(edge.bindingId));
  const ends = new Set(edges.flatMap((edge) => [edge.source, edge.target]));
  const issues = view.edges.filter((edge) => edge.kind === "issues" && ends.has(edge.target));
  for (const edge of issues) ends.add(edge.source);
  return {
    nodes: view.nodes.filter((node) => ends.has(node.id)),
    edges: [...issues, ...edges],
  };
}

/** `binding:<id>,binding:<id>` from a diagnosis link → the binding ids. */
export function parseFocus(value: string | undefined): Set<string> {
  const ids = (value ?? "")
    .split(",")
    .map((part) => /^binding:([0-9a-f-]{36})$/i.exec(part.trim())?.[1])
    .filter((id): id is string => Boolean(id))
    .slice(0, 200);
  return new Set(ids);
}
