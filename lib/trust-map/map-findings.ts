import type { TRiskFinding } from "@/lib/schemas/risk";
import type { TMapFindings } from "@/lib/trust-map/graph-view-types";
import { mapSeverities } from "@/lib/trust-map/graph-view-types";

// The risk register's open findings, by the map element they are about: a
// binding's on its edges, an issuer's or target's on its node.

/** Open findings by entity, keyed `binding:<id>`, `target:<id>` or `issuer:<id>`. */
export type MapFindingsIndex = ReadonlyMap<string, TMapFindings>;

export const findingsKey = (type: "binding" | "target" | "issuer", id: string) => `${type}:${id}`;

const rankOf = (severity: TMapFindings["worst"]) => mapSeverities.indexOf(severity);

/** Where a finding is listed on the risks page: its binding's findings, or its rule's. */
function hrefOf(finding: TRiskFinding): string {
  const filter =
    finding.entity.type === "binding"
      ? `bindingId=${encodeURIComponent(finding.entity.id)}`
      : `rule=${encodeURIComponent(finding.rule)}`;
  return `/risks?${filter}#finding-${finding.id}`;
}

export function indexMapFindings(findings: TRiskFinding[]): MapFindingsIndex {
  const index = new Map<string, TMapFindings>();
  for (const finding of findings) {
    if (finding.acceptance?.active) continue;
    const key = findingsKey(finding.entity.type, finding.entity.id);
    const entry = index.get(key) ?? { count: 0, worst: finding.severity, items: [] };
    entry.count += 1;
    if (rankOf(finding.severity) < rankOf(entry.worst)) entry.worst = finding.severity;
    entry.items.push({
      id: finding.id,
      title: finding.title,
      severity: finding.severity,
      href: hrefOf(finding),
    });
    index.set(key, entry);
  }
  for (const entry of index.values()) {
    entry.items.sort((a, b) => rankOf(a.severity) - rankOf(b.severity));
  }
  return index;
}

/** True when the findings include one at least as severe as `atLeast`. */
export function isAtLeast(
  findings: TMapFindings | undefined,
  atLeast: TMapFindings["worst"],
): boolean {
  return findings !== undefined && rankOf(findings.worst) <= rankOf(atLeast);
}

/** When the first accepted finding's acceptance runs out (it counts again then), if ever. */
export function nextExpiry(findings: TRiskFinding[]): number | null {
  let next: number | null = null;
  for (const finding of findings) {
    const expiresAt = finding.acceptance?.active ? finding.acceptance.expiresAt : null;
    const time = expiresAt ? Date.parse(expiresAt) : NaN;
    if (!Number.isNaN(time) && (next === null || time < next)) next = time;
  }
  return next;
}

/** The findings of several entities as one (a target's own and its bindings'), or none. */
export function mergeFindings(parts: Iterable<TMapFindings | undefined>): TMapFindings | undefined {
  const items = [...parts].flatMap((part) => part?.items ?? []);
  if (items.length === 0) return undefined;
  items.sort((a, b) => rankOf(a.severity) - rankOf(b.severity));
  return { count: items.length, worst: items[0]!.severity, items };
}
