import { createHash } from "node:crypto";
import { fieldLabel } from "@/lib/catalog/findings-labels";
import { withoutCitations } from "@/lib/federation/sources";
import { encodePrefill } from "@/lib/http/prefill";
import type { RawFinding, RiskEntityType } from "@/lib/risk/rule-source";
import { riskRules, severityRank } from "@/lib/risk/rules";
import type { TRiskFinding } from "@/lib/schemas/risk";

// Turns what the sources report into the register's findings: a stable id,
// the rule's severity, title and public source, the user's words, the edit
// link carrying the fix, and the operator's acceptance when there is one.

export type Acceptance = {
  findingId: string;
  reason: string;
  expiresAt: Date;
  acceptedBy: string;
  createdAt: Date;
};

const entityPaths: Record<RiskEntityType, string> = {
  binding: "/bindings",
  target: "/targets",
  issuer: "/issuers",
};

/**
 * Rule, entity and field: stable while the entity keeps its problem, so an
 * acceptance survives an unrelated edit; a finding on another field, or of
 * another rule, is another finding.
 */
export function findingIdOf(raw: Pick<RawFinding, "rule" | "entity" | "path">): string {
  const key = [raw.rule, raw.entity.type, raw.entity.id, raw.path].join("\n");
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}

export function assembleFindings(
  raws: RawFinding[],
  acceptances: Acceptance[],
  now: Date,
): TRiskFinding[] {
  const accepted = new Map(acceptances.map((acceptance) => [acceptance.findingId, acceptance]));
  const byId = new Map<string, TRiskFinding>();
  for (const raw of raws) {
    const id = findingIdOf(raw);
    // Two values of one condition breaking one rule are one finding: the first says why.
    if (byId.has(id)) continue;
    const rule = riskRules[raw.rule];
    const base = entityPaths[raw.entity.type];
    const acceptance = accepted.get(id);
    byId.set(id, {
      id,
      rule: rule.id,
      severity: rule.severity,
      title: rule.title,
      cloud: raw.entity.cloud ?? rule.cloud,
      entity: { ...raw.entity, href: `${base}/${raw.entity.id}` },
      field: fieldLabel(raw.path),
      why: withoutCitations(raw.message),
      source: rule.source,
      fix: raw.fix
        ? {
            summary: raw.fix.summary,
            cloudObject: raw.fix.cloudObject,
            editHref: `${base}/${raw.entity.id}/edit?prefill=${encodePrefill(raw.fix.prefill)}`,
          }
        : null,
      acceptance: acceptance
        ? {
            reason: acceptance.reason,
            expiresAt: acceptance.expiresAt.toISOString(),
            acceptedBy: acceptance.acceptedBy,
            acceptedAt: acceptance.createdAt.toISOString(),
            active: acceptance.expiresAt.getTime() > now.getTime(),
          }
        : null,
    });
  }
  return [...byId.values()].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.entity.name.localeCompare(b.entity.name) ||
      a.id.localeCompare(b.id),
  );
}

export const isOpen = (finding: TRiskFinding) => !finding.acceptance?.active;
