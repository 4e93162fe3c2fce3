/// <reference lib="webworker" />
import ELK from "elkjs/lib/elk.bundled.js";
import type { LayoutAnswer, LayoutRequest } from "@/components/map/layout-protocol";

// elk's layered algorithm, off the main thread so the page stays responsive
// while a large estate is laid out. Columns are elk partitions (issuers,
// workloads, targets), left to right:
// https://eclipse.dev/elk/reference/options/org-eclipse-elk-partitioning-activate.html

const elk = new ELK();

const layoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.partitioning.activate": "true",
  "elk.layered.spacing.nodeNodeBetweenLayers": "140",
  "elk.spacing.nodeNode": "24",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { request, nodes, edges } = event.data;
  try {
    const laid = await elk.layout({
      id: "root",
      layoutOptions,
      children: nodes.map((node) => ({
        id: node.id,
        width: node.width,
        height: node.height,
        layoutOptions: { "elk.partitioning.partition": String(node.column) },
      })),
      edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
    });
    const positions: Record<string, { x: number; y: number }> = {};
    for (const child of laid.children ?? [])
      positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
    self.postMessage({ request, positions } satisfies LayoutAnswer);
  } catch (error) {
    self.postMessage({ request, error: String(error) } satisfies LayoutAnswer);
  }
};
