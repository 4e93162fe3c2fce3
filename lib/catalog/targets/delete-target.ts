import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { stillReferenced } from "@/lib/catalog/assert-name-free";
import { staleVersionError } from "@/lib/catalog/stale-version";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";

export async function deleteTarget({
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
    await tx.$executeRaw`SELECT 1 FROM cloud_target WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await tx.cloudTarget.findUnique({ where: { id }, include: targetInclude });
    if (!current) throw new AppError("not_found", { message: "No target with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "target", id, version: current.version });
    }
    if (current._count.bindings > 0)
      throw stillReferenced("target", current._count.bindings, "binding");
    await tx.cloudTarget.delete({ where: { id } });
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "target.delete",
      entityType: "target",
      entityId: id,
      before: toTargetDto(current),
    });
  });
}
