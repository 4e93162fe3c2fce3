import Link from "next/link";
import { SeverityBadge, severityLabels } from "@/components/risk/severity-badge";
import type { TMapFindings } from "@/lib/trust-map/graph-view-types";

/** Short words for a node or edge with findings: the count and the worst, readable without colour. */
export function findingsWords(findings: TMapFindings): string {
  const noun = findings.count === 1 ? "finding" : "findings";
  return `${findings.count} ${noun}, worst ${severityLabels[findings.worst].toLowerCase()}`;
}

/** The open findings of the selected node or edge, each linked to the risks page. */
export function MapFindings({ findings }: { findings: TMapFindings | undefined }) {
  return (
    <section aria-labelledby="map-panel-findings" className="grid gap-2">
      <h3 id="map-panel-findings" className="font-medium">
        Open findings
      </h3>
      {findings ? (
        <ul className="grid gap-1">
          {findings.items.map((item) => (
            <li key={item.id} className="flex items-start gap-2">
              <SeverityBadge severity={item.severity} />
              <Link className="underline" href={item.href}>
                {item.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted-foreground">None open.</p>
      )}
    </section>
  );
}
