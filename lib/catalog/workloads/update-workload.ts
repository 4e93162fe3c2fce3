import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { assertNameFree } from "@/lib/catalog/assert-name-free";
import { staleVersionError } from "@/lib/catalog/stale-version";
import type { TSubjectSpec } from "@/lib/catalog/subjects/subject-spec";
import { resolveWorkloadSubject } from "@/lib/catalog/workloads/resolve-workload-subject";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import type { TWorkload, TWorkloadUpdateInput } from "@/lib/schemas/workload";

/** Bindings keep the subject they were saved with, as the clouds do; their warnings show any drift. */
export async function updateWorkload({
  actor,
  requestId,
  id,
  expectedVersion,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  id: string;
  expectedVersion: number;
  input: TWorkloadUpdateInput;
  db?: DbOrTx;
}): Promise<TWorkload> {
  assertRole(actor, "operator");
  return inTransaction(db, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM workload WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await tx.workload.findUnique({ where: { id }, include: workloadInclude });
    if (!current) throw new AppError("not_found", { message: "No workload with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "workload", id, version: current.version });
    }
    await assertNameFree(
      (name) => tx.workload.findUnique({ where: { name }, select: { id: true } }),
      input.name,
      id,
    );
    const issuerId = input.issuerId ?? current.issuerId;
    const subjectSpec = input.subjectSpec ?? (current.subjectSpec as TSubjectSpec);
    const subject = await resolveWorkloadSubject(tx, issuerId, subjectSpec);
    const row = await tx.workload.update({
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
    const before = toWorkloadDto(current);
    const after = toWorkloadDto(row);
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "workload.update",
      entityType: "workload",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
