import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { isOpen } from "@/lib/risk/assemble-findings";
import { collectFindings } from "@/lib/risk/collect-findings";
import { severityRank, type Severity } from "@/lib/risk/rules";
import type { BindingRisk } from "@/lib/schemas/risk";

// Open findings per binding, for the bindings list's column and filter.

/** `targetIds` limits the work to the bindings of those targets (a page of the list). */
export async function openFindingsByBinding({
  db,
  targetIds,
}: { db?: DbOrTx; targetIds?: string[] } = {}): Promise<Map<string, BindingRisk>> {
  const byBinding = new Map<string, BindingRisk>();
  for (const finding of await collectFindings({ db, scope: { targetIds } })) {
    if (finding.entity.type !== "binding" || !isOpen(finding)) continue;
    const current = byBinding.get(finding.entity.id);
    // Findings come most severe first, so the first one seen is the worst.
    byBinding.set(finding.entity.id, {
      count: (current?.count ?? 0) + 1,
      worst: current?.worst ?? finding.severity,
    });
  }
  return byBinding;
}

/** Binding ids with an open finding at least as severe as `atLeast`. */
export function bindingsAtRisk(risks: Map<string, BindingRisk>, atLeast: Severity): string[] {
  return [...risks]
    .filter(([, risk]) => severityRank[risk.worst] <= severityRank[atLeast])
    .map(([id]) => id);
}
