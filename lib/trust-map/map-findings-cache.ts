import "server-only";
import { getDb, type Db, type DbOrTx } from "@/lib/db/client";
import { collectFindings } from "@/lib/risk/collect-findings";
import {
  isSameVersion,
  readCatalogueVersion,
  type CatalogueVersion,
} from "@/lib/trust-map/catalogue-version";
import { indexMapFindings, nextExpiry, type MapFindingsIndex } from "@/lib/trust-map/map-findings";

// The risk register's findings as the map paints them, computed once per
// catalogue version (the version counts acceptances, which are audited, and
// issuer key checks) and again when an acceptance runs out.

type Computed = { index: MapFindingsIndex; expiresAt: number | null };
type Entry = { version: CatalogueVersion; done: Promise<Computed> };

const globalForCache = globalThis as unknown as { fedlensMapFindings?: WeakMap<Db, Entry> };
const entries = (globalForCache.fedlensMapFindings ??= new WeakMap());

async function compute(db: DbOrTx): Promise<Computed> {
  const findings = await collectFindings({ db });
  return { index: indexMapFindings(findings), expiresAt: nextExpiry(findings) };
}

/** Open findings by map element, for the catalogue as it stands. */
export async function readMapFindings({
  db = getDb(),
}: { db?: DbOrTx } = {}): Promise<MapFindingsIndex> {
  if (!("$transaction" in db)) return (await compute(db)).index;
  const version = await readCatalogueVersion(db);
  const cached = entries.get(db);
  if (cached && isSameVersion(cached.version, version)) {
    const computed = await cached.done;
    if (computed.expiresAt === null || computed.expiresAt > Date.now()) return computed.index;
  }
  const done = compute(db);
  const entry = { version, done };
  entries.set(db, entry);
  done.catch(() => {
    if (entries.get(db) === entry) entries.delete(db);
  });
  return (await done).index;
}
