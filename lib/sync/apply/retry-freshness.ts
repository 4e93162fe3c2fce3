import "server-only";
import type { PlannedChange } from "@/lib/clouds/adapter-types";
import type { DbOrTx } from "@/lib/db/client";
import { stepStillWanted } from "@/lib/sync/apply/step-still-wanted";

// Retrying failed changes cannot compare the plan's hash (the changes that
// did apply moved the clouds on, by design). What must still hold is that
// the catalogue wants each failed change, as it is checked before any write.

export async function failedChangesStillWanted(
  db: DbOrTx,
  failed: { targetId: string; bindingId: string | null; change: unknown }[],
): Promise<boolean> {
  for (const { targetId, bindingId, change } of failed) {
    if (!change) return false;
    if (!(await stepStillWanted(db, { targetId, bindingId, change: change as PlannedChange })))
      return false;
  }
  return true;
}
