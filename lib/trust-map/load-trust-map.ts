import "server-only";
import { issuerKindFromDb } from "@/lib/catalog/issuers/issuer-dto";
import type { TargetKind } from "@/lib/clouds/types";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { TSyncState } from "@/lib/schemas/binding";
import { buildTrustMapInSlices, type TrustMap } from "@/lib/trust-map/build-trust-map";
import type { TrustCatalogue } from "@/lib/trust-map/trust-map-types";

// The selects are shared by the whole load and the load of a few changed
// rows, so a row read either way is the same row.
const issuerSelect = { id: true, name: true, issuerUrl: true, kind: true } as const;
const workloadSelect = {
  id: true,
  name: true,
  issuerId: true,
  subject: true,
  subjectSpec: true,
} as const;
const targetSelect = { id: true, name: true, kind: true, config: true } as const;
const bindingSelect = {
  id: true,
  name: true,
  cloud: true,
  workloadId: true,
  targetId: true,
  issuerUrl: true,
  spec: true,
  syncState: true,
} as const;

/** Each binding's sync state, by binding id: the map shows it beside the verdicts. */
export type SyncStates = Map<string, TSyncState>;

/** Which rows to read: by id, and bindings also by their workload or target. */
export type CatalogueRowIds = {
  issuers: string[];
  workloads: string[];
  targets: string[];
  bindings: string[];
};

type Where = { where?: object };

async function readRows(db: DbOrTx, where: Record<keyof TrustCatalogue, Where>) {
  const [issuers, workloads, targets, bindings] = await Promise.all([
    db.issuer.findMany({ ...where.issuers, select: issuerSelect }),
    db.workload.findMany({ ...where.workloads, select: workloadSelect }),
    db.cloudTarget.findMany({ ...where.targets, select: targetSelect }),
    db.binding.findMany({ ...where.bindings, select: bindingSelect }),
  ]);
  const catalogue: TrustCatalogue = {
    issuers: issuers.map((row) => ({ ...row, kind: issuerKindFromDb(row.kind) })),
    workloads,
    targets: targets.map((row) => ({ ...row, kind: fromDbEnum<TargetKind>(row.kind) })),
    bindings: bindings.map(({ syncState: _state, ...row }) => row),
  };
  const syncStates: SyncStates = new Map(
    bindings.map((row) => [row.id, fromDbEnum<TSyncState>(row.syncState)] as const),
  );
  return { catalogue, syncStates };
}

/** The catalogue rows the trust map reads (four queries selecting only what it needs), and the bindings' sync states. */
export async function loadTrustRows(db: DbOrTx = getDb()) {
  return readRows(db, { issuers: {}, workloads: {}, targets: {}, bindings: {} });
}

/** The catalogue rows the trust map reads. */
export async function loadTrustCatalogue(db: DbOrTx = getDb()): Promise<TrustCatalogue> {
  return (await loadTrustRows(db)).catalogue;
}

/** The named rows as they stand now; a row asked for and not returned was deleted. */
export async function loadChangedRows(db: DbOrTx, ids: CatalogueRowIds) {
  const byId = (list: string[]) => ({ where: { id: { in: list } } });
  return readRows(db, {
    issuers: byId(ids.issuers),
    workloads: byId(ids.workloads),
    targets: byId(ids.targets),
    // A target edit resets its bindings' sync state without an event of theirs.
    bindings: {
      where: {
        OR: [
          { id: { in: ids.bindings } },
          { workloadId: { in: ids.workloads } },
          { targetId: { in: ids.targets } },
        ],
      },
    },
  });
}

/** Every binding's sync state, for a sync run that changed states without an event per binding. */
export async function loadSyncStates(db: DbOrTx = getDb()): Promise<SyncStates> {
  const rows = await db.binding.findMany({ select: { id: true, syncState: true } });
  return new Map(rows.map((row) => [row.id, fromDbEnum<TSyncState>(row.syncState)] as const));
}

/** The effective trust graph of the whole catalogue (DESIGN.md "Effective trust"), built afresh. */
export async function loadTrustMap({
  db = getDb(),
  at = new Date(),
}: { db?: DbOrTx; at?: Date } = {}): Promise<TrustMap> {
  return buildTrustMapInSlices(await loadTrustCatalogue(db), { at });
}
