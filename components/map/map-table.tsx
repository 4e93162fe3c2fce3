import { edgeKindInfo } from "@/components/map/edge-style";
import { findingsWords } from "@/components/map/map-findings";
import { Table, Td, Th } from "@/components/ui/table";
import type { GraphView } from "@/lib/trust-map/graph-view-types";

/** The same trusts as the drawing, one row each: for screen readers and for copying. */
export function MapTable({ view }: { view: GraphView }) {
  const labels = new Map(view.nodes.map((node) => [node.id, node]));
  const rows = view.edges.filter((edge) => edge.kind !== "issues");
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No trusts to list.</p>;
  return (
    <Table aria-label="Who reaches what">
      <thead>
        <tr>
          <Th>Who</Th>
          <Th>Reaches</Th>
          <Th>Through binding</Th>
          <Th>Trust</Th>
          <Th>Cloud</Th>
          <Th>Sync state</Th>
          <Th>Open findings</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((edge) => {
          const source = labels.get(edge.source);
          return (
            <tr key={edge.id}>
              <Td>
                {source?.kind === "open"
                  ? `Outside the catalogue: ${source.detail}`
                  : source?.label}
              </Td>
              <Td>{labels.get(edge.target)?.label}</Td>
              <Td>{edge.bindingName ?? ""}</Td>
              <Td>{edgeKindInfo[edge.kind].label}</Td>
              <Td>{edge.cloud ? edge.cloud.toUpperCase() : ""}</Td>
              <Td>{edge.syncState ?? ""}</Td>
              <Td>{edge.findings ? findingsWords(edge.findings) : "None"}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
