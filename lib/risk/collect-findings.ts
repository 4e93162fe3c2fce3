import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { assembleFindings } from "@/lib/risk/assemble-findings";
import { loadRiskCatalogue, type RiskScope } from "@/lib/risk/load-risk-catalogue";
import type { RiskRuleSource } from "@/lib/risk/rule-source";
import { riskRuleSources } from "@/lib/risk/rule-sources";
import type { TRiskFinding } from "@/lib/schemas/risk";

/** Every finding of the catalogue, most severe first, with acceptances applied. */
export async function collectFindings({
  db = getDb(),
  sources = riskRuleSources,
  now = new Date(),
  scope,
}: {
  db?: DbOrTx;
  sources?: RiskRuleSource[];
  now?: Date;
  scope?: RiskScope;
} = {}): Promise<TRiskFinding[]> {
  const [catalogue, acceptances] = await Promise.all([
    loadRiskCatalogue(db, scope, now),
    db.riskAcceptance.findMany({
      select: { findingId: true, reason: true, expiresAt: true, acceptedBy: true, createdAt: true },
    }),
  ]);
  const raws = (await Promise.all(sources.map((source) => source.collect(catalogue)))).flat();
  return assembleFindings(raws, acceptances, now);
}
