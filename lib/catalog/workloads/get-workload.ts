import "server-only";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/common";
import type { TWorkload } from "@/lib/schemas/workload";

export async function findWorkload(id: string, db: DbOrTx = getDb()): Promise<TWorkload | null> {
  if (!isUuid(id)) return null;
  const row = await db.workload.findUnique({ where: { id }, include: workloadInclude });
  return row ? toWorkloadDto(row) : null;
}

export async function getWorkload({ id, db }: { id: string; db?: DbOrTx }): Promise<TWorkload> {
  const workload = await findWorkload(id, db);
  if (!workload) throw new AppError("not_found", { message: "No workload with this id." });
  return workload;
}
