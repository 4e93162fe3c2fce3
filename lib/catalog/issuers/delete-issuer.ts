import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { stillReferenced } from "@/lib/catalog/assert-name-free";
import { toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import { staleVersionError } from "@/lib/catalog/stale-version";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";

export async function deleteIssuer({
  actor,
  requestId,
  id,
  expectedVersion,
  db,
}: {
  actor: Actor;
  requestId: string;
  id: string;
  expectedVersion: number;
  db?: DbOrTx;
}): Promise<void> {
  assertRole(actor, "operator");
  await inTransaction(db, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM issuer WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await tx.issuer.findUnique({ where: { id } });
    if (!current) throw new AppError("not_found", { message: "No issuer with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "issuer", id, version: current.version });
    }
    const workloads = await tx.workload.count({ where: { issuerId: id } });
    if (workloads > 0) throw stillReferenced("issuer", workloads, "workload");
    await tx.issuer.delete({ where: { id } });
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "issuer.delete",
      entityType: "issuer",
      entityId: id,
      before: toIssuerDto(current),
    });
  });
}
