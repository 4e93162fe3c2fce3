import "server-only";
import type { DbOrTx } from "@/lib/db/client";

// A cheap stand-in for "has the catalogue changed": every catalogue change
// appends an audit event in its own transaction (lib/catalog/audited-mutation),
// and the chain's head is read by primary key. The hash tells a database
// emptied and refilled to the same length from the one the cache saw. Sync
// runs also stamp the bindings they check, including a step whose cloud
// object was already right (no event): that stamp rides along.

export type CatalogueVersion = {
  /** The newest audit event's sequence number, 0 for an empty trail. */
  seq: bigint;
  hash: string | null;
  /** The newest time a binding's sync state was written. */
  syncStamp: number | null;
  /** The newest time an issuer's signing keys were fetched (findings rest on it). */
  keyStamp: number | null;
};

type VersionRow = {
  seq: bigint | null;
  hash: string | null;
  sync_stamp: Date | null;
  key_stamp: Date | null;
};

export async function readCatalogueVersion(db: DbOrTx): Promise<CatalogueVersion> {
  const [row] = await db.$queryRaw<VersionRow[]>`
    SELECT head.seq, head.hash,
      (SELECT max(sync_checked_at) FROM binding) AS sync_stamp,
      (SELECT max(checked_at) FROM issuer_key_set) AS key_stamp
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1) AS head ON true`;
  return {
    seq: row?.seq ?? 0n,
    hash: row?.hash ?? null,
    syncStamp: row?.sync_stamp?.getTime() ?? null,
    keyStamp: row?.key_stamp?.getTime() ?? null,
  };
}

export function isSameVersion(a: CatalogueVersion, b: CatalogueVersion): boolean {
  return (
    a.seq === b.seq && a.hash === b.hash && a.syncStamp === b.syncStamp && a.keyStamp === b.keyStamp
  );
}
