import "server-only";
import canonicalize from "canonicalize";
import type { PlannedChange } from "@/lib/clouds/adapter-types";
import { cloudAdapter } from "@/lib/clouds/adapters";
import type { DbOrTx } from "@/lib/db/client";
import { loadDriftTarget } from "@/lib/sync/drift/load-drift-target";

// Retrying failed changes cannot compare the plan's hash (the changes that
// did apply moved the clouds on, by design). What must still hold is that
// each failed change is what the catalogue wants now: the binding is there
// with the same spec, or, for a delete, its tombstone is still waiting.

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

export async function failedChangesStillWanted(
  db: DbOrTx,
  failed: { targetId: string; bindingId: string | null; change: unknown }[],
): Promise<boolean> {
  const byTarget = new Map<string, typeof failed>();
  for (const operation of failed) {
    byTarget.set(operation.targetId, [...(byTarget.get(operation.targetId) ?? []), operation]);
  }
  for (const [targetId, operations] of byTarget) {
    const target = await loadDriftTarget(db, targetId);
    if (!target) return false;
    const adapter = cloudAdapter(target.cloud);
    const tombstones = await db.bindingTombstone.findMany({
      where: { targetId },
      select: { key: true },
    });
    for (const { bindingId, change: stored } of operations) {
      const change = stored as PlannedChange | null;
      if (!change) return false;
      if (change.op === "delete") {
        const live = target.bindings.some((b) => adapter.bindingKey(b.spec) === change.key);
        if (live || !tombstones.some((t) => t.key === change.key)) return false;
        continue;
      }
      const binding = target.bindings.find((b) => b.id === bindingId);
      if (!binding || !same(binding.spec, change.desired.spec)) return false;
    }
  }
  return true;
}
