import "server-only";
import { stillReferenced } from "@/lib/catalog/assert-name-free";
import { auditedDelete, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";

export async function deleteWorkload(caller: VersionedCaller): Promise<void> {
  const { id } = caller;
  await auditedDelete(
    caller,
    {
      action: "workload.delete",
      role: "operator",
      load: (tx) => tx.workload.findUnique({ where: { id }, include: workloadInclude }),
      toDto: toWorkloadDto,
    },
    async (tx, current) => {
      if (current._count.bindings > 0)
        throw stillReferenced("workload", current._count.bindings, "binding");
      await tx.workload.delete({ where: { id } });
    },
  );
}
