import "server-only";
import { auditedDelete, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";

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
    async (tx) => {
      await tx.binding.delete({ where: { id } });
    },
  );
}
