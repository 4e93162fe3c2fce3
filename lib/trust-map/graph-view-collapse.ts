import type { GraphView, TGraphEdge, TGraphNode } from "@/lib/trust-map/graph-view-types";

// Past a few hundred nodes a drawing of every workload is unreadable and
// slow to lay out, so workloads are grouped per issuer and targets per kind,
// each group a node with a count, and the edges between groups are merged
// per kind and cloud with their count. Focusing a node shows it whole again.

export const collapseThreshold = 300;

export type CollapsedView = GraphView & { isCollapsed: boolean };

const groupOf = (node: TGraphNode, issuerOf: Map<string, string>): string | null => {
  if (node.kind === "workload") return `group:workloads:${issuerOf.get(node.id) ?? "none"}`;
  if (node.kind === "target") return `group:targets:${node.detail}`;
  if (node.kind === "open") return "group:open";
  return null;
};

export function collapseView(view: GraphView, threshold = collapseThreshold): CollapsedView {
  if (view.nodes.length <= threshold) return { ...view, isCollapsed: false };
  const issuerOf = new Map<string, string>();
  for (const edge of view.edges) if (edge.kind === "issues") issuerOf.set(edge.target, edge.source);
  const labels = new Map(view.nodes.map((node) => [node.id, node.label]));

  const groupByNode = new Map<string, string>();
  const groups = new Map<string, { node: TGraphNode; count: number }>();
  const nodes: TGraphNode[] = [];
  for (const node of view.nodes) {
    const group = groupOf(node, issuerOf);
    if (!group) {
      nodes.push(node);
      continue;
    }
    groupByNode.set(node.id, group);
    const existing = groups.get(group);
    if (existing) existing.count += 1;
    else groups.set(group, { node: { ...groupNode(group, node, labels, issuerOf) }, count: 1 });
  }
  for (const { node, count } of groups.values()) {
    nodes.push({ ...node, label: `${node.label} (${count})`, detail: `${count} grouped` });
  }

  const merged = new Map<string, TGraphEdge & { count: number }>();
  for (const edge of view.edges) {
    const source = groupByNode.get(edge.source) ?? edge.source;
    const target = groupByNode.get(edge.target) ?? edge.target;
    const id = `merged:${source}>${target}:${edge.kind}:${edge.cloud ?? ""}`;
    const existing = merged.get(id);
    if (existing) existing.count += 1;
    else
      merged.set(id, {
        ...edge,
        id,
        source,
        target,
        bindingId: null,
        bindingName: null,
        reason: null,
        syncState: null,
        count: 1,
      });
  }
  const edges = [...merged.values()].map(({ count, ...edge }) => ({
    ...edge,
    bindingName: count > 1 ? `${count} trusts` : edge.bindingName,
  }));
  return { nodes, edges, isCollapsed: true };
}

function groupNode(
  group: string,
  first: TGraphNode,
  labels: Map<string, string>,
  issuerOf: Map<string, string>,
): TGraphNode {
  const label =
    first.kind === "workload"
      ? `Workloads of ${labels.get(issuerOf.get(first.id) ?? "") ?? "no issuer"}`
      : first.kind === "target"
        ? `Targets: ${first.detail}`
        : "Outside the catalogue";
  return { ...first, id: group, label, href: null };
}
