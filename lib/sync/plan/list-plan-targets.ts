import "server-only";
import { getDb } from "@/lib/db/client";
import type { TPlanTargetOption } from "@/lib/sync/plan/plan-dto";

/** The targets a plan can read (those with a cloud connection), for the scope picker. */
export async function listPlanTargets(): Promise<TPlanTargetOption[]> {
  return getDb().cloudTarget.findMany({
    where: { connectionId: { not: null } },
    select: { id: true, name: true, cloud: true },
    orderBy: { name: "asc" },
  });
}
