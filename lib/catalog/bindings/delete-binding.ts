import "server-only";
import { auditedDelete, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { cloudAdapter } from "@/lib/clouds/adapters";
import type { Prisma } from "@/lib/db/generated/client";

export async function deleteBinding(caller: VersionedCaller): Promise<void> {
  const { id } = caller;
  await auditedDelete(
    caller,
    {
      action: "binding.delete",
      role: "operator",
      load: (tx) => tx.binding.findUnique({ where: { id }, include: bindingInclude }),
      toDto: (row) => toBindingDto(row),
    },
    async (tx, current) => {
      await tx.binding.delete({ where: { id } });
      // An owned binding's cloud object stays until an apply deletes it: the
      // tombstone is how the next plan knows to propose that delete.
      if (current.owned) {
        await tx.bindingTombstone.create({
          data: {
            targetId: current.targetId,
            key: cloudAdapter(current.cloud).bindingKey(current.spec),
            name: current.name,
            spec: current.spec as Prisma.InputJsonValue,
            deletedById: caller.actor.userId,
          },
        });
      }
    },
  );
}
