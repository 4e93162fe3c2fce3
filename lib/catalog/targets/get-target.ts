import "server-only";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/common";
import type { TTarget } from "@/lib/schemas/target";

export async function findTarget(id: string, db: DbOrTx = getDb()): Promise<TTarget | null> {
  if (!isUuid(id)) return null;
  const row = await db.cloudTarget.findUnique({ where: { id }, include: targetInclude });
  return row ? toTargetDto(row) : null;
}

export async function getTarget({ id, db }: { id: string; db?: DbOrTx }): Promise<TTarget> {
  const target = await findTarget(id, db);
  if (!target) throw new AppError("not_found", { message: "No target with this id." });
  return target;
}
