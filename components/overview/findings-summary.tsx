import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { severities, type Severity } from "@/lib/risk/rules";
import type { TRiskFinding } from "@/lib/schemas/risk";

type FindingPage = { data: TRiskFinding[]; counts: Record<Severity, number> };

/** The risk register in brief: open findings per severity, and the five most severe. */
export function FindingsSummary({ page }: { page: FindingPage }) {
  const open = severities.reduce((sum, severity) => sum + page.counts[severity], 0);
  return (
    <Card aria-labelledby="findings-summary-title">
      <CardTitle id="findings-summary-title">Risks</CardTitle>
      {open === 0 ? (
        <p className="text-sm text-muted-foreground">No open finding.</p>
      ) : (
        <>
          <ul className="mb-3 flex flex-wrap gap-3 text-sm" aria-label="Open findings per severity">
            {severities.map((severity) => (
              <li key={severity}>
                <Link className="hover:underline" href={`/risks?severity=${severity}`}>
                  <span className="font-semibold tabular-nums">{page.counts[severity]}</span>{" "}
                  {severity}
                </Link>
              </li>
            ))}
          </ul>
          <ol className="grid gap-2 text-sm" aria-label="The most severe findings">
            {page.data.map((finding) => (
              <li key={finding.id} className="flex flex-wrap items-baseline gap-2">
                <Badge variant={finding.severity === "critical" ? "destructive" : "outline"}>
                  {finding.severity}
                </Badge>
                <Link className="hover:underline" href={finding.entity.href}>
                  {finding.entity.name}
                </Link>
                <span className="text-muted-foreground">{finding.title}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <Link className="mt-3 inline-block text-sm text-primary hover:underline" href="/risks">
        All risks →
      </Link>
    </Card>
  );
}
