import "server-only";
import { getDb, type Db, type DbOrTx } from "@/lib/db/client";
import {
  buildTrustMapInSlices,
  updateTrustMap,
  type TrustMap,
} from "@/lib/trust-map/build-trust-map";
import { rowsToReread } from "@/lib/trust-map/audit-changes";
import {
  isSameVersion,
  readCatalogueVersion,
  type CatalogueVersion,
} from "@/lib/trust-map/catalogue-version";
import {
  loadChangedRows,
  loadSyncStates,
  loadTrustRows,
  type CatalogueRowIds,
  type SyncStates,
} from "@/lib/trust-map/load-trust-map";
import type { CatalogueChange, TrustCatalogue } from "@/lib/trust-map/trust-map-types";

// One trust map per process and database, kept current from the audit
// trail: a read whose catalogue version is unchanged reuses the map; a read
// after a few changes re-reads just those rows and applies them in place
// (updateTrustMap); anything wider rebuilds. Concurrent reads share one
// refresh. Readers must use a snapshot synchronously (no await in between):
// the next refresh updates the same map in place.

export type TrustSnapshot = { map: TrustMap; syncStates: SyncStates; version: CatalogueVersion };

type Pending = { to: CatalogueVersion; done: Promise<TrustSnapshot> };
type Entry = { snapshot: TrustSnapshot | null; pending: Pending | null };

/** Past this many events since the last read, one full load is cheaper than the replay. */
export const maxReplayedEvents = 500;
/** The predicted tokens carry their issue time; a map this old is rebuilt as of now. */
const maxMapAgeMs = 15 * 60_000;

// On globalThis beside the Prisma client, so route handlers and server
// components (bundled apart) share one map. Keyed by client: a test that
// points the process at another database gets another client, and another map.
const globalForCache = globalThis as unknown as { fedlensTrustMaps?: WeakMap<Db, Entry> };
const entries = (globalForCache.fedlensTrustMaps ??= new WeakMap());

function entryOf(db: Db): Entry {
  let entry = entries.get(db);
  if (!entry) {
    entry = { snapshot: null, pending: null };
    entries.set(db, entry);
  }
  return entry;
}

async function fullLoad(
  db: DbOrTx,
  version: CatalogueVersion,
  at = new Date(),
): Promise<TrustSnapshot> {
  const { catalogue, syncStates } = await loadTrustRows(db);
  return { map: await buildTrustMapInSlices(catalogue, { at }), syncStates, version };
}

/** The audit events since `from`, or null when the trail no longer continues it. */
async function eventsSince(db: Db, from: CatalogueVersion, to: CatalogueVersion) {
  const events = await db.auditEvent.findMany({
    where: { seq: { gte: from.seq, lte: to.seq } },
    orderBy: { seq: "asc" },
    take: maxReplayedEvents + 2,
    select: { seq: true, hash: true, action: true, entityType: true, entityId: true },
  });
  // The event the cache last saw must still be there, unchanged (a database
  // emptied and refilled starts a new trail); an empty trail had none.
  const since = from.seq === 0n ? events : events.slice(1);
  const head = events[0];
  if (from.seq !== 0n && (head?.seq !== from.seq || head.hash !== from.hash)) return null;
  return since.length > maxReplayedEvents ? null : since;
}

function changeOf(asked: CatalogueRowIds, found: TrustCatalogue): CatalogueChange {
  const removed = (kind: keyof TrustCatalogue) => {
    const present = new Set(found[kind].map((row) => row.id));
    return asked[kind].filter((id) => !present.has(id));
  };
  return {
    upsert: found,
    remove: {
      issuers: removed("issuers"),
      workloads: removed("workloads"),
      targets: removed("targets"),
      bindings: removed("bindings"),
    },
  };
}

async function replay(db: Db, from: TrustSnapshot, to: CatalogueVersion) {
  const events = await eventsSince(db, from.version, to);
  const ids = events && rowsToReread(events);
  if (!ids) return null;
  if (Object.values(ids).some((list) => list.length > 0)) {
    const { catalogue, syncStates } = await loadChangedRows(db, ids);
    const change = changeOf(ids, catalogue);
    updateTrustMap(from.map, change);
    for (const id of change.remove?.bindings ?? []) from.syncStates.delete(id);
    for (const [id, state] of syncStates) from.syncStates.set(id, state);
  }
  return from;
}

async function refresh(entry: Entry, db: Db, to: CatalogueVersion) {
  const from = entry.snapshot;
  if (!from || !isFresh(from)) return fullLoad(db, to);
  let next: TrustSnapshot | null;
  try {
    next = await replay(db, from, to);
  } catch (error) {
    // The map may be half updated: drop it rather than serve it.
    entry.snapshot = null;
    throw error;
  }
  if (!next) return fullLoad(db, to);
  const syncStates =
    next.version.syncStamp === to.syncStamp ? next.syncStates : await loadSyncStates(db);
  return { map: next.map, syncStates, version: to };
}

/** True when a refresh to `planned` brings the map at least to `wanted`. */
function covers(planned: CatalogueVersion, wanted: CatalogueVersion): boolean {
  return isSameVersion(planned, wanted) || planned.seq > wanted.seq;
}

function isFresh(snapshot: TrustSnapshot): boolean {
  return Date.now() - snapshot.map.at.getTime() <= maxMapAgeMs;
}

export type SnapshotOptions = {
  db?: DbOrTx;
  /** Judge tokens issued at this time instead of the cached map's; builds afresh. */
  at?: Date;
};

/**
 * The catalogue's trust map and sync states as of this read. Inside a
 * transaction it is built afresh: the caller may see rows nobody else does.
 */
export async function readTrustSnapshot({
  db = getDb(),
  at,
}: SnapshotOptions = {}): Promise<TrustSnapshot> {
  if (at || !("$transaction" in db)) return fullLoad(db, await readCatalogueVersion(db), at);
  const entry = entryOf(db);
  const version = await readCatalogueVersion(db);
  const { snapshot, pending } = entry;
  const current = snapshot && isSameVersion(snapshot.version, version);
  if (current && isFresh(snapshot)) return snapshot;
  if (pending && covers(pending.to, version)) return current ? snapshot : pending.done;
  if (current) {
    // Only its age is against it: answer now and rebuild meanwhile, so a
    // large estate's periodic rebuild keeps nobody waiting.
    void startRefresh(entry, db, version).catch(() => undefined);
    return snapshot;
  }
  return startRefresh(entry, db, version);
}

/** Starts the refresh to `version` after any one under way, as the entry's pending one. */
function startRefresh(entry: Entry, db: Db, version: CatalogueVersion): Promise<TrustSnapshot> {
  const { pending } = entry;
  // Refreshes take turns: each one updates the map the previous one left.
  const previous = pending?.done.catch(() => null);
  const done = (async () => {
    await previous;
    const next = await refresh(entry, db, version);
    entry.snapshot = next;
    return next;
  })();
  entry.pending = { to: version, done };
  void done
    .finally(() => {
      if (entry.pending?.done === done) entry.pending = null;
    })
    .catch(() => undefined);
  return done;
}

/** The catalogue's trust map as of this read, from the cache. */
export async function readTrustMap(options: SnapshotOptions = {}): Promise<TrustMap> {
  return (await readTrustSnapshot(options)).map;
}
