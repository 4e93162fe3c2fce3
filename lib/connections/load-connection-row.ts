import "server-only";
import { connectionSelect } from "@/lib/connections/connection-dto";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { isUuid } from "@/lib/schemas/common";

/** The row with everything the DTO and the secret need; null for an unknown or malformed id. */
export function findConnectionRow(db: DbOrTx, id: string) {
  if (!isUuid(id)) return Promise.resolve(null);
  return db.cloudConnection.findUnique({ where: { id }, select: connectionSelect });
}

/** The row, locked for the rest of the transaction (`id` must be a UUID). */
export async function lockConnection(tx: Tx, id: string) {
  await tx.$executeRaw`SELECT 1 FROM cloud_connection WHERE id = ${id}::uuid FOR UPDATE`;
  return findConnectionRow(tx, id);
}
