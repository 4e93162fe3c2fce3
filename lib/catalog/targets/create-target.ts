import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { prepareTarget } from "@/lib/catalog/targets/prepare-target";
import { resolveTargetConnection } from "@/lib/catalog/targets/resolve-target-connection";
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
    const link = await resolveTargetConnection(tx, prepared.cloud, input.connectionId);
    const row = await tx.cloudTarget.create({
      data: {
        name: input.name,
        kind: toDbEnum<$Enums.TargetKind>(input.kind),
        ...prepared,
        ...link,
      },
      include: targetInclude,
    });
    const target = toTargetDto(row);
    return { entityId: target.id, after: target, result: target };
  });
}
