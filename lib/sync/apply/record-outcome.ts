import "server-only";
import { appendAuditEvents } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import type { ActualBinding, CloudError, PlannedChange } from "@/lib/clouds/adapter-types";
import type { Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";

// A change's result, written in one transaction with its audit event: the
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

/** One change's outcome, to be recorded. */
export type OutcomeRecord = { operation: StepOperation; outcome: StepOutcome };

const jsonOrNull = (value: unknown) => (value === undefined ? null : value);

/** Only operations still marked `applying` are recorded; returns those. */
async function claim(tx: Tx, records: OutcomeRecord[]): Promise<OutcomeRecord[]> {
  const rows = records.map(({ operation, outcome }) => ({
    id: operation.id,
    status: outcome.status,
    error: outcome.status === "failed" ? outcome.error : null,
    after: outcome.status === "applied" ? jsonOrNull(outcome.after?.cloudObject) : null,
  }));
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE sync_operation o SET status = v.status::"SyncOperationStatus", error = v.error,
      after = CASE WHEN v.status = 'applied' THEN v.after ELSE o.after END, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id uuid, status text, error jsonb, after jsonb)
    WHERE o.id = v.id AND o.status = 'applying'
    RETURNING o.id::text AS id`;
  const ids = new Set(claimed.map((row) => row.id));
  return records.filter((record) => ids.has(record.operation.id));
}

async function markBindings(tx: Tx, records: OutcomeRecord[], at: Date) {
  const cleared: { targetId: string; key: string }[] = [];
  const failed: { id: string; drift: string }[] = [];
  const written: { id: string; spec: unknown }[] = [];
  for (const { operation, outcome } of records) {
    const { change, bindingId } = operation;
    if (change.op === "delete") {
      if (outcome.status !== "failed")
        cleared.push({ targetId: operation.targetId, key: change.key });
    } else if (!bindingId) {
      continue;
    } else if (outcome.status === "failed") {
      failed.push({
        id: bindingId,
        drift: JSON.stringify({ kind: "error", error: outcome.error }),
      });
    } else {
      written.push({ id: bindingId, spec: change.desired.spec });
    }
  }
  if (cleared.length > 0) {
    await tx.$executeRaw`DELETE FROM binding_tombstone t
      USING jsonb_to_recordset(${JSON.stringify(cleared)}::jsonb) AS v("targetId" uuid, key text)
      WHERE t.target_id = v."targetId" AND t.key = v.key`;
  }
  if (failed.length > 0) {
    await tx.$executeRaw`UPDATE binding b SET sync_state = 'error'::"SyncState",
      drift = v.drift::jsonb, sync_checked_at = ${at}
      FROM jsonb_to_recordset(${JSON.stringify(failed)}::jsonb) AS v(id uuid, drift text)
      WHERE b.id = v.id`;
  }
  // Not an edit: version and updatedAt stay as the operator left them. Only
  // the spec that was written is in sync (an edit since waits for its plan).
  if (written.length > 0) {
    await tx.$executeRaw`UPDATE binding b SET sync_state = 'in-sync'::"SyncState", drift = NULL,
      owned = true, sync_checked_at = ${at}
      FROM jsonb_to_recordset(${JSON.stringify(written)}::jsonb) AS v(id uuid, spec jsonb)
      WHERE b.id = v.id AND b.spec = v.spec`;
  }
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

type RecordContext = { actor: Actor; requestId: string };

/**
 * Several changes' outcomes in one transaction, each with its audit event
 * (in the order given): an apply's parallel parents hand theirs to one
 * recorder, so they take the audit chain's lock once per batch instead of
 * queueing for it one change at a time.
 */
export async function recordOutcomes(
  { actor, requestId }: RecordContext,
  records: OutcomeRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const at = new Date();
  await inTransaction(undefined, async (tx) => {
    const recorded = await claim(tx, records);
    await markBindings(tx, recorded, at);
    // Every call that wrote, or tried to write, is on the trail; a change the
    // cloud already held wrote nothing. Appended last: the chain's lock is
    // held from here to the commit.
    const events = recorded
      .filter(({ outcome }) => outcome.status !== "unchanged")
      .map(({ operation, outcome }) => ({
        actor,
        requestId,
        action: "sync.apply",
        entityType: operation.bindingId ? "binding" : "target",
        entityId: operation.bindingId ?? operation.targetId,
        before: operation.before ?? null,
        after: auditAfter(operation, outcome),
      }));
    await appendAuditEvents(tx, events);
  });
}

/** One change's outcome; see recordOutcomes. */
export async function recordOutcome(
  context: RecordContext,
  operation: StepOperation,
  outcome: StepOutcome,
): Promise<void> {
  await recordOutcomes(context, [{ operation, outcome }]);
}
