import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { staleVersionError } from "@/lib/catalog/stale-version";
import { assertProvidersStillUsed } from "@/lib/catalog/targets/assert-providers-still-used";
import { prepareTarget } from "@/lib/catalog/targets/prepare-target";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import type { TTarget, TTargetUpdateInput } from "@/lib/schemas/target";

/** The kind (and so the cloud) of a target never changes. */
export async function updateTarget({
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
  input: TTargetUpdateInput;
  db?: DbOrTx;
}): Promise<TTarget> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM cloud_target WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await tx.cloudTarget.findUnique({ where: { id }, include: targetInclude });
    if (!current) throw new AppError("not_found", { message: "No target with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "target", id, version: current.version });
    }
    const before = toTargetDto(current);
    const prepared = await prepareTarget(tx, {
      kind: before.kind,
      name: input.name,
      config: input.config ?? current.config,
      exceptId: id,
    });
    await assertProvidersStillUsed(tx, id, before.kind, prepared.config);
    const row = await tx.cloudTarget.update({
      where: { id },
      data: {
        name: input.name,
        config: prepared.config,
        externalId: prepared.externalId,
        scope: prepared.scope,
        version: { increment: 1 },
      },
      include: targetInclude,
    });
    const after = toTargetDto(row);
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "target.update",
      entityType: "target",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
