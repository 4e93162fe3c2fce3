import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { staleVersionError } from "@/lib/catalog/stale-version";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";

export async function deleteBinding({
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
    await tx.$executeRaw`SELECT 1 FROM binding WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await tx.binding.findUnique({ where: { id }, include: bindingInclude });
    if (!current) throw new AppError("not_found", { message: "No binding with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "binding", id, version: current.version });
    }
    await tx.binding.delete({ where: { id } });
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "binding.delete",
      entityType: "binding",
      entityId: id,
      before: toBindingDto(current),
    });
  });
}
