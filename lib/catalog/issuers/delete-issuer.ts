import "server-only";
import { stillReferenced } from "@/lib/catalog/assert-name-free";
import { auditedDelete, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";

export async function deleteIssuer(caller: VersionedCaller): Promise<void> {
  const { id } = caller;
  await auditedDelete(
    caller,
    {
      action: "issuer.delete",
      role: "operator",
      load: (tx) => tx.issuer.findUnique({ where: { id } }),
      toDto: toIssuerDto,
    },
    async (tx) => {
      const workloads = await tx.workload.count({ where: { issuerId: id } });
      if (workloads > 0) throw stillReferenced("issuer", workloads, "workload");
      await tx.issuer.delete({ where: { id } });
    },
  );
}
