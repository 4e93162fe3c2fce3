import "server-only";
import { getDb, type DbOrTx, type Tx } from "@/lib/db/client";

/** Runs `work` in the caller's transaction when given one, else in a new one. */
export async function inTransaction<T>(
  db: DbOrTx | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (db && !("$transaction" in db)) return work(db);
  return (db ?? getDb()).$transaction(work, { timeout: 15_000 });
}
