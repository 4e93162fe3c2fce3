import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { stillReferenced } from "@/lib/catalog/assert-name-free";
import { staleVersionError } from "@/lib/catalog/stale-version";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";

export async function deleteWorkload({
  actor,
  requestId,
  id,
  expectedVersion,
  db,
}: {
  actor: Actor;
  requestId: string;
  id: string;
  expectedVersion: number;
  db?: DbOrTx;
}): Promise<void> {
  assertRole(actor, "operator");
  await inTransaction(db, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM workload WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await tx.workload.findUnique({ where: { id }, include: workloadInclude });
    if (!current) throw new AppError("not_found", { message: "No workload with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "workload", id, version: current.version });
    }
    if (current._count.bindings > 0)
      throw stillReferenced("workload", current._count.bindings, "binding");
    await tx.workload.delete({ where: { id } });
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "workload.delete",
      entityType: "workload",
      entityId: id,
      before: toWorkloadDto(current),
    });
  });
}
