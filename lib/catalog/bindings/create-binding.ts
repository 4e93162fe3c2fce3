import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { prepareBinding } from "@/lib/catalog/bindings/prepare-binding";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import type { TBinding, TBindingCreateInput } from "@/lib/schemas/binding";

export async function createBinding({
  actor,
  requestId,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  input: TBindingCreateInput;
  db?: DbOrTx;
}): Promise<TBinding> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
    const prepared = await prepareBinding(tx, input);
    const { cloud, context, lookup } = prepared;
    const row = await tx.binding.create({
      data: {
        workloadId: input.workloadId,
        targetId: input.targetId,
        cloud,
        name: lookup.name,
        issuerUrl: lookup.issuerUrl,
        subject: lookup.subject,
        spec: context.spec as Prisma.InputJsonValue,
      },
      include: bindingInclude,
    });
    const binding = toBindingDto(row, {
      cloudObject: cloudCatalog(row.cloud).cloudObject(context),
      warnings: prepared.warnings,
    });
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "binding.create",
      entityType: "binding",
      entityId: binding.id,
      after: toBindingDto(row),
    });
    return binding;
  });
}
