import "server-only";
import { assertRole } from "@/lib/auth/assert-role";
import type { Actor } from "@/lib/auth/actor";
import { connectionSelect, toConnectionDto } from "@/lib/connections/connection-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type {
  TConnection,
  TConnectionListQuery,
  TConnectionOption,
} from "@/lib/schemas/connection";

// Connections are few (one per tenant, account or project): one page, by name.

export async function listConnections({
  actor,
  query = {},
  db = getDb(),
}: {
  actor: Actor;
  query?: TConnectionListQuery;
  db?: DbOrTx;
}): Promise<TConnection[]> {
  assertRole(actor, "admin");
  const rows = await db.cloudConnection.findMany({
    where: { cloud: query.cloud },
    select: connectionSelect,
    orderBy: { name: "asc" },
  });
  return rows.map(toConnectionDto);
}

/** Names for a target form's select (operators link targets): no settings, no secret. */
export async function listConnectionOptions(
  cloud?: TConnectionOption["cloud"],
  db: DbOrTx = getDb(),
): Promise<TConnectionOption[]> {
  return db.cloudConnection.findMany({
    where: { cloud },
    select: { id: true, name: true, cloud: true, sandbox: true },
    orderBy: { name: "asc" },
  });
}
