import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { prepareTarget } from "@/lib/catalog/targets/prepare-target";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";
import type { DbOrTx } from "@/lib/db/client";
import { toDbEnum } from "@/lib/db/enum-names";
import type { $Enums } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import type { TTarget, TTargetCreateInput } from "@/lib/schemas/target";

export async function createTarget({
  actor,
  requestId,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  input: TTargetCreateInput;
  db?: DbOrTx;
}): Promise<TTarget> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
    const prepared = await prepareTarget(tx, {
      kind: input.kind,
      name: input.name,
      config: input.config,
    });
    const row = await tx.cloudTarget.create({
      data: { name: input.name, kind: toDbEnum<$Enums.TargetKind>(input.kind), ...prepared },
      include: targetInclude,
    });
    const target = toTargetDto(row);
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "target.create",
      entityType: "target",
      entityId: target.id,
      after: target,
    });
    return target;
  });
}
