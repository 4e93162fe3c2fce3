import "server-only";
import { getDb, type DbOrTx, type Tx } from "@/lib/db/client";

/** Runs `work` in the caller's transaction when given one, else in a new one. */
export async function inTransaction<T>(
  db: DbOrTx | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (db && !("$transaction" in db)) return work(db);
  // maxWait: writers of the audit trail take turns on its lock while holding
  // a connection, so under a burst the last one waits for most of the pool
  // (and the embedded database has a pool of one); Prisma's default 2 s
  // would fail it as a 500 rather than let it wait its turn.
  return (db ?? getDb()).$transaction(work, { timeout: 15_000, maxWait: 10_000 });
}
