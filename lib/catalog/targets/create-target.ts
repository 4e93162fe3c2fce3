import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { prepareTarget } from "@/lib/catalog/targets/prepare-target";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";
import { toDbEnum } from "@/lib/db/enum-names";
import type { $Enums } from "@/lib/db/generated/client";
import type { TTarget, TTargetCreateInput } from "@/lib/schemas/target";

export async function createTarget({
  input,
  ...caller
}: MutationCaller & { input: TTargetCreateInput }): Promise<TTarget> {
  return auditedMutation(caller, { action: "target.create", role: "operator" }, async (tx) => {
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
    return { entityId: target.id, after: target, result: target };
  });
}
