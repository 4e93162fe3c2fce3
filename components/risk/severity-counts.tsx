import Link from "next/link";
import { severityLabels } from "@/components/risk/severity-badge";
import { severities, type Severity } from "@/lib/risk/rules";

/** Open findings per severity, each a link to that severity's open findings. */
export function SeverityCounts({
  counts,
  accepted,
  hrefOf,
}: {
  counts: Record<Severity, number>;
  accepted: number;
  /** The register narrowed further, keeping the filters the counts were made under. */
  hrefOf: (change: { severity?: string; accepted?: string }) => string;
}) {
  return (
    <dl
      className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5"
      aria-label="Open findings per severity"
    >
      {severities.map((severity) => (
        <div key={severity} className="rounded-md border p-3">
          <dt className="text-xs text-muted-foreground uppercase">{severityLabels[severity]}</dt>
          <dd className="text-2xl font-semibold">
            <Link href={hrefOf({ severity, accepted: "false" })}>{counts[severity]}</Link>
          </dd>
        </div>
      ))}
      <div className="rounded-md border p-3">
        <dt className="text-xs text-muted-foreground uppercase">Accepted</dt>
        <dd className="text-2xl font-semibold">
          <Link href={hrefOf({ severity: undefined, accepted: "true" })}>{accepted}</Link>
        </dd>
      </div>
    </dl>
  );
}
