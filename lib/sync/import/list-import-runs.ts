import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { importRunSelect, toImportRunDto } from "@/lib/sync/import/import-run-dto";
import type { TImportRun } from "@/lib/sync/import/import-schemas";

/** The connection's most recent imports, newest first. Throws 404 for an unknown connection. */
export async function listImportRuns({
  actor,
  connectionId,
  limit = 10,
}: {
  actor: Actor;
  connectionId: string;
  limit?: number;
}): Promise<TImportRun[]> {
  assertRole(actor, "viewer");
  const db = getDb();
  const connection = await db.cloudConnection.findUnique({
    where: { id: connectionId },
    select: { id: true },
  });
  if (!connection) throw new AppError("not_found", { message: "No connection with this id." });
  const rows = await db.importRun.findMany({
    where: { connectionId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: importRunSelect,
  });
  return rows.map(toImportRunDto);
}
