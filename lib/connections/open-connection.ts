import "server-only";
import type { AdapterConnection } from "@/lib/clouds/adapter-types";
import type { DbOrTx } from "@/lib/db/client";

/**
 * The connection as an adapter takes it: scope and endpoints validated, the
 * stored secret opened in memory (SecretValue). Throws AppError not_found.
 * Placeholder: the connections work replaces the body.
 */
export async function openConnection(db: DbOrTx, connectionId: string): Promise<AdapterConnection> {
  void db;
  throw new Error(`Connections are not built yet (${connectionId}).`);
}
