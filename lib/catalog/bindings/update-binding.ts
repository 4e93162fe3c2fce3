import "server-only";
import {
  auditedMutation,
  loadVersioned,
  type VersionedCaller,
} from "@/lib/catalog/audited-mutation";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { prepareBinding } from "@/lib/catalog/bindings/prepare-binding";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { Prisma } from "@/lib/db/generated/client";
import type { TBinding, TBindingUpdateInput } from "@/lib/schemas/binding";

/** Replaces the spec; the workload and target of a binding never change. */
export async function updateBinding({
  input,
  ...caller
}: VersionedCaller & { input: TBindingUpdateInput }): Promise<TBinding> {
  const { id } = caller;
  const entity = { ...caller, entity: "binding" as const };
  return auditedMutation(caller, { action: "binding.update", role: "operator" }, async (tx) => {
    // The target is locked first (prepareBinding), as creating a binding
    // does; so this first read does not lock, yet a stale edit still hears
    // so before any complaint about its content.
    const current = await loadVersioned(
      tx,
      entity,
      () => tx.binding.findUnique({ where: { id }, include: bindingInclude }),
      { lock: false },
    );
    const prepared = await prepareBinding(tx, {
      targetId: current.target.id,
      workloadId: current.workload.id,
      spec: input.spec,
      exceptBindingId: id,
      previous: current.spec,
    });
    // Checked after the target lock so a concurrent edit cannot slip between.
    await loadVersioned(
      tx,
      entity,
      () => tx.binding.findUnique({ where: { id }, select: { version: true } }),
      { lock: false },
    );
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
    return {
      entityId: id,
      before: toBindingDto(current),
      after: toBindingDto(row),
      result: toBindingDto(row, {
        cloudObject: cloudCatalog(row.cloud).cloudObject(prepared.context),
        warnings: prepared.warnings,
      }),
    };
  });
}
