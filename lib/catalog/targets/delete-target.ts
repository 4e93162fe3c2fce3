import "server-only";
import { stillReferenced } from "@/lib/catalog/assert-name-free";
import { auditedDelete, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";

export async function deleteTarget(caller: VersionedCaller): Promise<void> {
  const { id } = caller;
  await auditedDelete(
    caller,
    {
      action: "target.delete",
      role: "operator",
      load: (tx) => tx.cloudTarget.findUnique({ where: { id }, include: targetInclude }),
      toDto: toTargetDto,
    },
    async (tx, current) => {
      if (current._count.bindings > 0)
        throw stillReferenced("target", current._count.bindings, "binding");
      await tx.cloudTarget.delete({ where: { id } });
    },
  );
}
