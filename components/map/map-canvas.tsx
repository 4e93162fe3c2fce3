"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from "@xyflow/react";
import { useMemo } from "react";
import { edgeColour, edgeKindInfo } from "@/components/map/edge-style";
import { findingsWords } from "@/components/map/map-findings";
import { nodeSize, useElkLayout } from "@/components/map/use-elk-layout";
import type { GraphView, TGraphEdge, TGraphNode } from "@/lib/trust-map/graph-view-types";

// The drawing. Loaded on demand by the map page only, so xyflow is not in
// any other page's first-load JS. Only elements in view are rendered, which
// keeps a large estate responsive when panning.

const kindWord = { issuer: "Issuer", workload: "Workload", target: "Target", open: "Open trust" };
const labelledEdgeLimit = 400;

/** The element's findings in words, so they read without colour: " · 2 findings, worst high". */
const findingsSuffix = (element: TGraphNode | TGraphEdge) =>
  element.findings ? ` · ${findingsWords(element.findings)}` : "";

function toNode(node: TGraphNode, position: { x: number; y: number }, isSelected: boolean): Node {
  const name = `${kindWord[node.kind]}: ${node.label}`;
  return {
    id: node.id,
    position,
    data: {
      label: node.findings ? (
        <>
          <span>{name}</span>
          <span className="block font-semibold">{findingsWords(node.findings)}</span>
        </>
      ) : (
        name
      ),
    },
    selected: isSelected,
    connectable: false,
    draggable: false,
    sourcePosition: "right" as Node["sourcePosition"],
    targetPosition: "left" as Node["targetPosition"],
    style: {
      width: nodeSize.width,
      fontSize: 12,
      borderWidth: node.kind === "open" || node.findings ? 2 : 1,
      borderColor: node.findings ? "var(--destructive)" : undefined,
      borderStyle: node.kind === "open" ? "dashed" : "solid",
    },
    ariaLabel: name + findingsSuffix(node),
  };
}

function toEdge(edge: TGraphEdge, isLabelled: boolean, isHighlighted: boolean): Edge {
  const info = edgeKindInfo[edge.kind];
  const colour = edgeColour(edge);
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: isLabelled && edge.kind !== "issues" ? info.label : undefined,
    style: {
      stroke: colour,
      strokeWidth: isHighlighted ? info.width + 2.5 : info.width,
      strokeDasharray: info.dash,
    },
    markerEnd: edge.kind === "issues" ? undefined : { type: MarkerType.ArrowClosed, color: colour },
    animated: isHighlighted,
    ariaLabel: `${info.label} trust ${edge.bindingName ?? ""}`.trim() + findingsSuffix(edge),
  };
}

export function MapCanvas({
  view,
  selectedId,
  highlightedBindings,
  onSelect,
}: {
  view: GraphView;
  selectedId: string | null;
  highlightedBindings: ReadonlySet<string>;
  onSelect: (selection: { node?: string; edge?: string }) => void;
}) {
  const layout = useElkLayout(view);
  const nodes = useMemo(
    () =>
      layout.status === "ready"
        ? view.nodes.map((node) =>
            toNode(node, layout.positions[node.id] ?? { x: 0, y: 0 }, node.id === selectedId),
          )
        : [],
    [layout, view, selectedId],
  );
  const edges = useMemo(() => {
    const isLabelled = view.edges.length <= labelledEdgeLimit;
    return view.edges.map((edge) =>
      toEdge(edge, isLabelled, Boolean(edge.bindingId && highlightedBindings.has(edge.bindingId))),
    );
  }, [view, highlightedBindings]);

  return (
    <div
      role="region"
      aria-label="Trust map drawing"
      aria-busy={layout.status === "laying-out"}
      className="relative h-[65vh] min-h-96 rounded-lg border bg-card"
      data-layout={layout.status}
      data-node-count={view.nodes.length}
    >
      {layout.status === "laying-out" ? (
        <p
          role="status"
          className="absolute inset-0 grid place-items-center text-sm text-muted-foreground"
        >
          Laying out the map…
        </p>
      ) : null}
      {layout.status === "failed" ? (
        <p role="alert" className="absolute inset-0 grid place-items-center text-sm">
          The map could not be laid out. The table below lists the same trusts.
        </p>
      ) : null}
      {layout.status === "ready" ? (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          minZoom={0.05}
          onlyRenderVisibleElements
          nodesConnectable={false}
          nodesDraggable={false}
          proOptions={{ hideAttribution: false }}
          onNodeClick={(_event, node) => onSelect({ node: node.id })}
          onEdgeClick={(_event, edge) => onSelect({ edge: edge.id })}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      ) : null}
    </div>
  );
}
