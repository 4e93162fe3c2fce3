import "server-only";
import { cloudAdapter } from "@/lib/clouds/adapters";
import type { Cloud } from "@/lib/clouds/types";
import type { DbOrTx } from "@/lib/db/client";
import { loadDriftTarget } from "@/lib/sync/drift/load-drift-target";
import { readThroughConnection } from "@/lib/sync/drift/run-drift-job";
import type { PlanTargetInput } from "@/lib/sync/plan/plan-types";

// One target's plan input: the catalogue's bindings (loaded the way drift
// loads them), the tombstones of owned bindings deleted since, and the
// cloud's read through the target's connection.

export type LoadedPlanTarget = { name: string; cloud: Cloud; input: PlanTargetInput };

export async function loadPlanTarget(
  db: DbOrTx,
  targetId: string,
): Promise<LoadedPlanTarget | null> {
  const target = await loadDriftTarget(db, targetId);
  if (!target) return null;
  const adapter = cloudAdapter(target.cloud);
  const [tombstones, row] = await Promise.all([
    db.bindingTombstone.findMany({
      where: { targetId },
      orderBy: { deletedAt: "asc" },
      select: { key: true, name: true, spec: true },
    }),
    db.cloudTarget.findUniqueOrThrow({ where: { id: targetId }, select: { name: true } }),
  ]);
  const read = target.connectionId
    ? await readThroughConnection(adapter, { ref: target.ref, connectionId: target.connectionId })
    : ({ state: "no-connection" } as const);
  return {
    name: row.name,
    cloud: target.cloud,
    input: {
      targetId,
      ref: target.ref,
      bindings: target.bindings.map((binding) => ({
        id: binding.id,
        name: binding.name,
        owned: binding.owned,
        desired: {
          key: adapter.bindingKey(binding.spec),
          spec: binding.spec,
          cloudObject: binding.cloudObject,
        },
        context: binding.context,
      })),
      tombstones,
      read,
    },
  };
}
