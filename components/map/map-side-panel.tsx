import Link from "next/link";
import { cloudNames, edgeKindInfo } from "@/components/map/edge-style";
import { MapFindings } from "@/components/map/map-findings";
import { Button } from "@/components/ui/button";
import type { GraphView } from "@/lib/trust-map/graph-view-types";

const kindWord = {
  issuer: "Issuer",
  workload: "Workload",
  target: "Cloud target",
  open: "Open trust",
};

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="break-words">{children}</dd>
    </>
  );
}

/** Details of the clicked node or edge, with links to its pages. */
export function MapSidePanel({
  view,
  selection,
  onClose,
}: {
  view: GraphView;
  selection: { node?: string; edge?: string };
  onClose: () => void;
}) {
  const node = selection.node ? view.nodes.find((item) => item.id === selection.node) : undefined;
  const edge = selection.edge ? view.edges.find((item) => item.id === selection.edge) : undefined;
  if (!node && !edge) return null;
  const nameOf = (id: string) => view.nodes.find((item) => item.id === id)?.label ?? id;
  const title = node
    ? `${kindWord[node.kind]}: ${node.label}`
    : `Trust: ${edge?.bindingName ?? edgeKindInfo[edge!.kind].label}`;
  return (
    <aside
      aria-labelledby="map-panel-title"
      className="grid content-start gap-3 rounded-lg border bg-card p-4 text-sm"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id="map-panel-title" className="font-semibold">
          {title}
        </h2>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close details">
          Close
        </Button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {node ? (
          <>
            <Row term="Kind">{kindWord[node.kind]}</Row>
            <Row term={node.kind === "open" ? "Admits" : "Detail"}>{node.detail}</Row>
            {node.cloud ? <Row term="Cloud">{cloudNames[node.cloud]}</Row> : null}
            <Row term="Trusts">
              {
                view.edges.filter(
                  (item) =>
                    item.kind !== "issues" && (item.source === node.id || item.target === node.id),
                ).length
              }
            </Row>
          </>
        ) : null}
        {edge ? (
          <>
            <Row term="Trust">{`${edgeKindInfo[edge.kind].label}: ${edgeKindInfo[edge.kind].describe}`}</Row>
            <Row term="From">{nameOf(edge.source)}</Row>
            <Row term="To">{nameOf(edge.target)}</Row>
            {edge.cloud ? <Row term="Cloud">{cloudNames[edge.cloud]}</Row> : null}
            {edge.bindingId ? (
              <Row term="Made for this workload">{edge.declared ? "Yes" : "No"}</Row>
            ) : null}
            {edge.syncState ? <Row term="Sync state">{edge.syncState}</Row> : null}
            {edge.reason ? <Row term="Why">{edge.reason}</Row> : null}
            {edge.cloudErrorCode ? <Row term="Cloud error">{edge.cloudErrorCode}</Row> : null}
          </>
        ) : null}
      </dl>
      {(node && node.kind !== "open") || edge?.bindingId ? (
        <MapFindings findings={node ? node.findings : edge?.findings} />
      ) : null}
      {node?.href ? (
        <Link className="underline" href={node.href}>
          Open the {kindWord[node.kind].toLowerCase()} page
        </Link>
      ) : null}
      {edge?.bindingId ? (
        <Link className="underline" href={`/bindings/${edge.bindingId}`}>
          Open the binding page
        </Link>
      ) : null}
    </aside>
  );
}
