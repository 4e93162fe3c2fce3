import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { prepareBinding } from "@/lib/catalog/bindings/prepare-binding";
import { cloudCatalog } from "@/lib/clouds/registry";
import type { Prisma } from "@/lib/db/generated/client";
import type { TBinding, TBindingCreateInput } from "@/lib/schemas/binding";

export async function createBinding({
  input,
  ...caller
}: MutationCaller & { input: TBindingCreateInput }): Promise<TBinding> {
  return auditedMutation(caller, { action: "binding.create", role: "operator" }, async (tx) => {
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
    return {
      entityId: row.id,
      after: toBindingDto(row),
      result: toBindingDto(row, {
        cloudObject: cloudCatalog(row.cloud).cloudObject(context),
        warnings: prepared.warnings,
      }),
    };
  });
}
