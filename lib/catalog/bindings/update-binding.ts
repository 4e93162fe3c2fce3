import "server-only";
import {
  auditedMutation,
  loadVersioned,
  type VersionedCaller,
} from "@/lib/catalog/audited-mutation";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { prepareBinding } from "@/lib/catalog/bindings/prepare-binding";
import { cloudAdapter } from "@/lib/clouds/adapters";
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
    const keyOf = (spec: unknown) => cloudAdapter(current.cloud).bindingKey(spec);
    const [oldKey, newKey] = [keyOf(current.spec), keyOf(prepared.context.spec)];
    const moved = oldKey !== newKey;
    if (moved && current.owned) {
      // A new name, Sid or member is a new cloud object: the one Fedlens
      // owns under the old key stays until an apply deletes it (as when the
      // binding is deleted), and the new one is not Fedlens's until created.
      await tx.bindingTombstone.create({
        data: {
          targetId: current.targetId,
          key: oldKey,
          name: current.name,
          spec: current.spec as Prisma.InputJsonValue,
          deletedById: caller.actor.userId,
        },
      });
    }
    // Back to a key whose object was waiting for deletion: it is wanted, and Fedlens's, again.
    const restored = moved
      ? (
          await tx.bindingTombstone.deleteMany({
            where: { targetId: current.targetId, key: newKey },
          })
        ).count > 0
      : false;
    const row = await tx.binding.update({
      where: { id },
      data: {
        ...(moved ? { owned: restored } : {}),
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
