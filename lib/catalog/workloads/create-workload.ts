import "server-only";
import { assertNameFree } from "@/lib/catalog/assert-name-free";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import { resolveWorkloadSubject } from "@/lib/catalog/workloads/resolve-workload-subject";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";
import type { TWorkload, TWorkloadCreateInput } from "@/lib/schemas/workload";

export async function createWorkload({
  input,
  ...caller
}: MutationCaller & { input: TWorkloadCreateInput }): Promise<TWorkload> {
  return auditedMutation(caller, { action: "workload.create", role: "operator" }, async (tx) => {
    await assertNameFree(
      (name) => tx.workload.findUnique({ where: { name }, select: { id: true } }),
      input.name,
    );
    const subject = await resolveWorkloadSubject(tx, input.issuerId, input.subjectSpec);
    const row = await tx.workload.create({
      data: {
        name: input.name,
        issuerId: input.issuerId,
        team: input.team ?? "",
        description: input.description ?? "",
        subjectSpec: input.subjectSpec,
        subject,
      },
      include: workloadInclude,
    });
    const workload = toWorkloadDto(row);
    return { entityId: workload.id, after: workload, result: workload };
  });
}
