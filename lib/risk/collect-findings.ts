import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { assembleFindings } from "@/lib/risk/assemble-findings";
import { loadRiskCatalogue, type RiskScope } from "@/lib/risk/load-risk-catalogue";
import type { RiskRuleSource } from "@/lib/risk/rule-source";
import { riskRuleSources } from "@/lib/risk/rule-sources";
import { readTrustMap } from "@/lib/trust-map/trust-map-cache";
import type { TRiskFinding } from "@/lib/schemas/risk";

/** Every finding of the catalogue, most severe first, with acceptances applied. */
export async function collectFindings({
  db = getDb(),
  sources = riskRuleSources,
  now,
  scope,
}: {
  db?: DbOrTx;
  sources?: RiskRuleSource[];
  now?: Date;
  scope?: RiskScope;
} = {}): Promise<TRiskFinding[]> {
  const at = now ?? new Date();
  // The map cache serves the catalogue as committed now: not a transaction's
  // own rows, nor tokens judged at a time the caller chose.
  const shared = now === undefined && "$transaction" in db;
  const [catalogue, acceptances, trustMap] = await Promise.all([
    loadRiskCatalogue(db, scope, at),
    db.riskAcceptance.findMany({
      select: { findingId: true, reason: true, expiresAt: true, acceptedBy: true, createdAt: true },
    }),
    shared ? readTrustMap({ db }) : undefined,
  ]);
  const raws = (
    await Promise.all(sources.map((source) => source.collect({ ...catalogue, trustMap })))
  ).flat();
  return assembleFindings(raws, acceptances, at);
}
