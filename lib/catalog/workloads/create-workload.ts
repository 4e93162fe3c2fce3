import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { assertNameFree } from "@/lib/catalog/assert-name-free";
import { resolveWorkloadSubject } from "@/lib/catalog/workloads/resolve-workload-subject";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { TWorkload, TWorkloadCreateInput } from "@/lib/schemas/workload";

export async function createWorkload({
  actor,
  requestId,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  input: TWorkloadCreateInput;
  db?: DbOrTx;
}): Promise<TWorkload> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
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
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "workload.create",
      entityType: "workload",
      entityId: workload.id,
      after: workload,
    });
    return workload;
  });
}
