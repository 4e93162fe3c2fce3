import "server-only";
import { toConnectionDto } from "@/lib/connections/connection-dto";
import { findConnectionRow } from "@/lib/connections/load-connection-row";
import { assertRole } from "@/lib/auth/assert-role";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TConnection } from "@/lib/schemas/connection";

export async function findConnection(
  id: string,
  db: DbOrTx = getDb(),
): Promise<TConnection | null> {
  const row = await findConnectionRow(db, id);
  return row ? toConnectionDto(row) : null;
}

/** Admin only, like everything about connections. */
export async function getConnection({
  actor,
  id,
  db,
}: {
  actor: Actor;
  id: string;
  db?: DbOrTx;
}): Promise<TConnection> {
  assertRole(actor, "admin");
  const connection = await findConnection(id, db);
  if (!connection) throw new AppError("not_found", { message: "No connection with this id." });
  return connection;
}
