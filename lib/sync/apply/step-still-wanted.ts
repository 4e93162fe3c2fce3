import "server-only";
import canonicalize from "canonicalize";
import type { PlannedChange } from "@/lib/clouds/adapter-types";
import { cloudAdapter } from "@/lib/clouds/adapters";
import type { DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { Cloud } from "@/lib/clouds/types";

// Whether the catalogue still wants a planned change, checked just before it
// is written (and before failed changes are retried): the binding is there
// with the spec the plan was made from, or, for a delete, the tombstone is
// still waiting and no binding has taken its key back. An edit made after
// the approval is never overwritten by the plan's older version of it.

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** A create or update is wanted while its binding's spec (undefined: no binding) is the planned one. */
export const specStillWanted = (spec: unknown, change: PlannedChange): boolean =>
  change.op !== "delete" && spec !== undefined && spec !== null && same(spec, change.desired.spec);

export async function stepStillWanted(
  db: DbOrTx,
  {
    targetId,
    bindingId,
    change,
  }: { targetId: string; bindingId: string | null; change: PlannedChange },
): Promise<boolean> {
  if (change.op !== "delete") {
    if (!bindingId) return false;
    const binding = await db.binding.findUnique({
      where: { id: bindingId },
      select: { spec: true },
    });
    return specStillWanted(binding?.spec, change);
  }
  const [tombstone, target] = await Promise.all([
    db.bindingTombstone.findFirst({ where: { targetId, key: change.key }, select: { id: true } }),
    db.cloudTarget.findUnique({
      where: { id: targetId },
      select: { cloud: true, bindings: { select: { spec: true } } },
    }),
  ]);
  if (!tombstone || !target) return false;
  const adapter = cloudAdapter(fromDbEnum<Cloud>(target.cloud));
  return !target.bindings.some((binding) => adapter.bindingKey(binding.spec) === change.key);
}
