import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { systemActor } from "@/lib/auth/actor";
import type { TargetRead } from "@/lib/clouds/adapter-types";
import type { Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import {
  compareTarget,
  type BindingDrift,
  type TargetDriftDetail,
} from "@/lib/sync/drift/compare-target";
import { loadDriftTarget, type DriftTarget } from "@/lib/sync/drift/load-drift-target";

// Writes one check's outcome. The comparison is redone inside the write
// transaction, against the catalogue as it is at that moment (a binding
// edited while the cloud was read is judged by its new spec), with the
// target row locked so two checks of one target cannot interleave. Drift is
// not an edit: `version` and `updatedAt` stay as the operator left them.

const actor = systemActor("drift check");

export type RecordedDrift = { changed: number; checked: number };

/** What the audit trail keeps of a binding's state: the state and what it rests on. */
function bindingSnapshot(state: string, drift: unknown) {
  const detail = drift as BindingDrift["detail"];
  if (detail?.kind === "diff")
    return { syncState: state, fields: detail.differences.map((d) => d.path) };
  if (detail?.kind === "error") return { syncState: state, error: detail.error.code };
  return { syncState: state };
}

function targetSnapshot(drift: unknown) {
  const detail = drift as TargetDriftDetail | null;
  if (!detail) return null;
  return {
    read: detail.read,
    ...(detail.error ? { error: detail.error.code } : {}),
    unmanaged: detail.unmanaged.map((object) => object.key).sort(),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function writeBindings(
  tx: Tx,
  target: DriftTarget,
  results: BindingDrift[],
  at: Date,
  requestId: string,
) {
  let changed = 0;
  const current = new Map(target.bindings.map((binding) => [binding.id, binding]));
  for (const result of results) {
    const previous = current.get(result.bindingId);
    const drift = result.detail === null ? null : JSON.stringify(result.detail);
    await tx.$executeRaw`UPDATE binding SET sync_state = ${result.state}::"SyncState",
      drift = ${drift}::jsonb, sync_checked_at = ${at} WHERE id = ${result.bindingId}::uuid`;
    if (previous && previous.syncState !== result.state) {
      changed += 1;
      await appendAuditEvent(tx, {
        actor,
        requestId,
        action: "drift.change",
        entityType: "binding",
        entityId: result.bindingId,
        before: bindingSnapshot(previous.syncState, previous.drift),
        after: bindingSnapshot(result.state, result.detail),
      });
    }
  }
  return changed;
}

export async function recordDrift({
  targetId,
  read,
  bindingKey,
  at = new Date(),
}: {
  targetId: string;
  read: TargetRead;
  bindingKey: (spec: unknown) => string;
  at?: Date;
}): Promise<RecordedDrift | null> {
  const requestId = `drift-${randomUUID()}`;
  return inTransaction(undefined, async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM cloud_target WHERE id = ${targetId}::uuid FOR UPDATE`;
    const target = await loadDriftTarget(tx, targetId);
    // Deleted, or unlinked from its connection, while the cloud was read.
    if (!target?.connectionId) return null;
    const comparison = compareTarget(target.bindings, read, bindingKey);
    let changed = await writeBindings(tx, target, comparison.bindings, at, requestId);
    await tx.$executeRaw`UPDATE cloud_target SET drift = ${JSON.stringify(comparison.target)}::jsonb,
      drift_checked_at = ${at} WHERE id = ${targetId}::uuid`;
    const before = targetSnapshot(target.drift);
    const after = targetSnapshot(comparison.target);
    if (!same(before, after)) {
      changed += 1;
      await appendAuditEvent(tx, {
        actor,
        requestId,
        action: "drift.change",
        entityType: "target",
        entityId: targetId,
        before,
        after,
      });
    }
    return { changed, checked: comparison.bindings.length };
  });
}
