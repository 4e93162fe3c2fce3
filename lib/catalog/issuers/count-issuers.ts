import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";

export async function countIssuers({ db = getDb() }: { db?: DbOrTx } = {}): Promise<number> {
  return db.issuer.count();
}
