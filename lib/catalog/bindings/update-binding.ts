import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { prepareBinding } from "@/lib/catalog/bindings/prepare-binding";
import { staleVersionError } from "@/lib/catalog/stale-version";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import type { TBinding, TBindingUpdateInput } from "@/lib/schemas/binding";

/** Replaces the spec; the workload and target of a binding never change. */
export async function updateBinding({
  actor,
  requestId,
  id,
  expectedVersion,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  id: string;
  expectedVersion: number;
  input: TBindingUpdateInput;
  db?: DbOrTx;
}): Promise<TBinding> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
    const current = await tx.binding.findUnique({ where: { id }, include: bindingInclude });
    if (!current) throw new AppError("not_found", { message: "No binding with this id." });
    // A stale edit hears so before any complaint about its content.
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "binding", id, version: current.version });
    }
    const prepared = await prepareBinding(tx, {
      targetId: current.target.id,
      workloadId: current.workload.id,
      spec: input.spec,
      exceptBindingId: id,
      previous: current.spec,
    });
    // Checked after the target lock so a concurrent edit cannot slip between.
    const locked = await tx.binding.findUnique({ where: { id }, select: { version: true } });
    if (!locked) throw new AppError("not_found", { message: "No binding with this id." });
    if (locked.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "binding", id, version: locked.version });
    }
    const row = await tx.binding.update({
      where: { id },
      data: {
        name: prepared.lookup.name,
        issuerUrl: prepared.lookup.issuerUrl,
        subject: prepared.lookup.subject,
        spec: prepared.context.spec as Prisma.InputJsonValue,
        syncState: "pending",
        version: { increment: 1 },
      },
      include: bindingInclude,
    });
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "binding.update",
      entityType: "binding",
      entityId: id,
      before: toBindingDto(current),
      after: toBindingDto(row),
    });
    return toBindingDto(row, {
      cloudObject: cloudCatalog(row.cloud).cloudObject(prepared.context),
      warnings: prepared.warnings,
    });
  });
}
