import "server-only";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import type { TargetKind } from "@/lib/clouds/types";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import { buildTrustMap, type TrustMap } from "@/lib/trust-map/build-trust-map";
import type { TrustCatalogue } from "@/lib/trust-map/trust-map-types";

/** The catalogue rows the trust map reads, four queries selecting only what it needs. */
export async function loadTrustCatalogue(db: DbOrTx = getDb()): Promise<TrustCatalogue> {
  const [issuers, workloads, targets, bindings] = await Promise.all([
    db.issuer.findMany({ select: { id: true, name: true, issuerUrl: true, kind: true } }),
    db.workload.findMany({
      select: { id: true, name: true, issuerId: true, subject: true, subjectSpec: true },
    }),
    db.cloudTarget.findMany({ select: { id: true, name: true, kind: true, config: true } }),
    db.binding.findMany({
      select: {
        id: true,
        name: true,
        cloud: true,
        workloadId: true,
        targetId: true,
        issuerUrl: true,
        spec: true,
      },
    }),
  ]);
  return {
    issuers: issuers.map((row) => ({ ...row, kind: issuerKindFromDb(row.kind) })),
    workloads,
    targets: targets.map((row) => ({ ...row, kind: fromDbEnum<TargetKind>(row.kind) })),
    bindings,
  };
}

/** The effective trust graph of the whole catalogue (DESIGN.md "Effective trust"). */
export async function loadTrustMap({
  db = getDb(),
  at = new Date(),
}: { db?: DbOrTx; at?: Date } = {}): Promise<TrustMap> {
  return buildTrustMap(await loadTrustCatalogue(db), { at });
}
