import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import type { ActualBinding, CloudError, PlannedChange } from "@/lib/clouds/adapter-types";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";

// One change's result, written in one transaction with its audit event: the
// operation's status, the binding's sync state (and ownership after a
// create), the tombstone gone after a delete. Only an operation still marked
// `applying` is recorded, so a step two workers both ran is recorded once.

export type StepOperation = {
  id: string;
  planId: string;
  targetId: string;
  bindingId: string | null;
  op: string;
  change: PlannedChange;
  before: unknown;
};

export type StepOutcome =
  | { status: "applied"; after: ActualBinding | null; recovered: boolean }
  | { status: "unchanged" }
  | { status: "failed"; error: CloudError };

const json = (value: unknown) => (value ?? null) as Prisma.InputJsonValue;

async function claim(
  tx: Tx,
  operation: StepOperation,
  data: Prisma.SyncOperationUpdateManyMutationInput,
) {
  const { count } = await tx.syncOperation.updateMany({
    where: { id: operation.id, status: "applying" },
    data,
  });
  return count === 1;
}

async function markBinding(tx: Tx, operation: StepOperation, outcome: StepOutcome, at: Date) {
  const { change, bindingId } = operation;
  if (change.op === "delete") {
    if (outcome.status !== "failed") {
      await tx.bindingTombstone.deleteMany({
        where: { targetId: operation.targetId, key: change.key },
      });
    }
    return;
  }
  if (!bindingId) return;
  if (outcome.status === "failed") {
    const drift = JSON.stringify({ kind: "error", error: outcome.error });
    await tx.$executeRaw`UPDATE binding SET sync_state = 'error'::"SyncState", drift = ${drift}::jsonb,
      sync_checked_at = ${at} WHERE id = ${bindingId}::uuid`;
    return;
  }
  // Not an edit: version and updatedAt stay as the operator left them. Only
  // the spec that was written is in sync (an edit since waits for its plan).
  const written = JSON.stringify(change.desired.spec);
  await tx.$executeRaw`UPDATE binding SET sync_state = 'in-sync'::"SyncState", drift = NULL,
    owned = true, sync_checked_at = ${at}
    WHERE id = ${bindingId}::uuid AND spec = ${written}::jsonb`;
}

function auditAfter(operation: StepOperation, outcome: StepOutcome) {
  const base = { plan: operation.planId, change: operation.op, key: operation.change.key };
  if (outcome.status === "failed") {
    return {
      ...base,
      status: "failed",
      error: { code: outcome.error.code, message: outcome.error.message },
    };
  }
  if (outcome.status === "unchanged") return { ...base, status: "unchanged" };
  return {
    ...base,
    status: "applied",
    object: outcome.after?.cloudObject ?? null,
    ...(outcome.recovered ? { recovered: true } : {}),
  };
}

export async function recordOutcome(
  { actor, requestId }: { actor: Actor; requestId: string },
  operation: StepOperation,
  outcome: StepOutcome,
): Promise<void> {
  const at = new Date();
  await inTransaction(undefined, async (tx) => {
    const recorded = await claim(tx, operation, {
      status: outcome.status,
      error: outcome.status === "failed" ? json(outcome.error) : json(null),
      ...(outcome.status === "applied" ? { after: json(outcome.after?.cloudObject) } : {}),
    });
    if (!recorded) return;
    await markBinding(tx, operation, outcome, at);
    // Every call that wrote, or tried to write, is on the trail; a change the
    // cloud already held wrote nothing.
    if (outcome.status === "unchanged") return;
    await appendAuditEvent(tx, {
      actor,
      requestId,
      action: "sync.apply",
      entityType: operation.bindingId ? "binding" : "target",
      entityId: operation.bindingId ?? operation.targetId,
      before: operation.before ?? null,
      after: auditAfter(operation, outcome),
    });
  });
}
