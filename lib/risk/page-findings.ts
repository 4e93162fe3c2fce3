import { z } from "zod";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { isOpen } from "@/lib/risk/assemble-findings";
import { severities, type Severity } from "@/lib/risk/rules";
import type { TFindingListQuery, TRiskFinding } from "@/lib/schemas/risk";

// Findings are computed from the catalogue on each read, so the page is a
// position in the sorted list; the cursor names the last finding shown.

const ZCursor = z.object({ after: z.string().regex(/^[0-9a-f]{32}$/) });

export type FindingPage = {
  data: TRiskFinding[];
  nextCursor: string | null;
  counts: Record<Severity, number>;
  accepted: number;
};

function matches(finding: TRiskFinding, query: TFindingListQuery): boolean {
  if (query.cloud && finding.cloud !== query.cloud) return false;
  if (query.severity && finding.severity !== query.severity) return false;
  if (query.rule && finding.rule !== query.rule) return false;
  if (
    query.bindingId &&
    (finding.entity.type !== "binding" || finding.entity.id !== query.bindingId)
  )
    return false;
  if (query.accepted !== undefined && query.accepted === isOpen(finding)) return false;
  return true;
}

export function countBySeverity(findings: TRiskFinding[]): Record<Severity, number> {
  const counts = Object.fromEntries(severities.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  for (const finding of findings) if (isOpen(finding)) counts[finding.severity] += 1;
  return counts;
}

/** One page of `findings` (sorted, as collectFindings returns them) for the query. */
export function pageFindings(findings: TRiskFinding[], query: TFindingListQuery): FindingPage {
  // Counts ignore the accepted filter: the page shows what is open beside what was accepted.
  const scoped = findings.filter((finding) => matches(finding, { ...query, accepted: undefined }));
  const all = scoped.filter((finding) => matches(finding, query));
  let start = 0;
  if (query.cursor) {
    const { after } = decodeCursor(query.cursor, ZCursor);
    // A finding fixed since the last page is gone; start again rather than skip ahead.
    start = all.findIndex((finding) => finding.id === after) + 1;
  }
  const data = all.slice(start, start + query.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: last && start + query.limit < all.length ? encodeCursor({ after: last.id }) : null,
    counts: countBySeverity(scoped),
    accepted: scoped.filter((finding) => !isOpen(finding)).length,
  };
}
