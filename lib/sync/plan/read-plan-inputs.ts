import "server-only";
import { getDb } from "@/lib/db/client";
import { loadPlanTarget, type LoadedPlanTarget } from "@/lib/sync/plan/load-plan-target";
import type { TPlanScope } from "@/lib/sync/plan/plan-scope";
import { resolvePlanScope } from "@/lib/sync/plan/resolve-plan-scope";

// Every target of a scope, loaded and read from its cloud a few at a time
// (each cloud read is bounded by the adapter's own timeouts and retries).

const readsInFlight = 4;

export async function readPlanInputs(scope: TPlanScope): Promise<LoadedPlanTarget[]> {
  const targetIds = await resolvePlanScope(getDb(), scope);
  const loaded: LoadedPlanTarget[] = [];
  for (let start = 0; start < targetIds.length; start += readsInFlight) {
    const batch = targetIds.slice(start, start + readsInFlight);
    const rows = await Promise.all(batch.map((id) => loadPlanTarget(getDb(), id)));
    loaded.push(...rows.filter((row): row is LoadedPlanTarget => row !== null));
  }
  return loaded;
}
