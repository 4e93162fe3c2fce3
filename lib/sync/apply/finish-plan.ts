import "server-only";
import { getDb } from "@/lib/db/client";

// A plan is done when no change waits: `failed` if any change failed (retry
// takes those), `applied` otherwise.

export async function finishPlan(planId: string): Promise<"applied" | "failed" | "applying"> {
  const db = getDb();
  const open = await db.syncOperation.count({
    where: { planId, status: { in: ["pending", "applying"] }, change: { not: { equals: null } } },
  });
  if (open > 0) return "applying";
  const failed = await db.syncOperation.count({ where: { planId, status: "failed" } });
  const status = failed > 0 ? "failed" : "applied";
  await db.syncPlan.updateMany({
    where: { id: planId, status: "applying" },
    data: { status, finishedAt: new Date() },
  });
  return status;
}
