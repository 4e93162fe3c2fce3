import "server-only";
import { assertNameFree } from "@/lib/catalog/assert-name-free";
import { auditedUpdate, type VersionedCaller } from "@/lib/catalog/audited-mutation";
import type { TSubjectSpec } from "@/lib/catalog/subjects/subject-spec";
import { resolveWorkloadSubject } from "@/lib/catalog/workloads/resolve-workload-subject";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";
import type { TWorkload, TWorkloadUpdateInput } from "@/lib/schemas/workload";

/** Bindings keep the subject they were saved with, as the clouds do; their warnings show any drift. */
export async function updateWorkload({
  input,
  ...caller
}: VersionedCaller & { input: TWorkloadUpdateInput }): Promise<TWorkload> {
  const { id } = caller;
  return auditedUpdate(
    caller,
    {
      action: "workload.update",
      role: "operator",
      load: (tx) => tx.workload.findUnique({ where: { id }, include: workloadInclude }),
      toDto: toWorkloadDto,
    },
    async (tx, current) => {
      await assertNameFree(
        (name) => tx.workload.findUnique({ where: { name }, select: { id: true } }),
        input.name,
        id,
      );
      const issuerId = input.issuerId ?? current.issuerId;
      const subjectSpec = input.subjectSpec ?? (current.subjectSpec as TSubjectSpec);
      const subject = await resolveWorkloadSubject(tx, issuerId, subjectSpec);
      return tx.workload.update({
        where: { id },
        data: {
          name: input.name,
          issuerId,
          team: input.team,
          description: input.description,
          subjectSpec,
          subject,
          version: { increment: 1 },
        },
        include: workloadInclude,
      });
    },
  );
}
