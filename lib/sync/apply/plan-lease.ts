import "server-only";
import { getDb } from "@/lib/db/client";

// One run writes a plan at a time, across processes: a job handed to a
// second worker after its first one stalled past the queue's expiry, a
// resumed apply beside a CLI one. Clouds whose parents need serial writes
// (one role's trust policy has no ETag) would otherwise see two writers. The
// run renews its lease between changes; a run that loses it stops.

const leaseMs = 5 * 60 * 1000;
const renewEveryMs = 30 * 1000;

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

export type PlanLease = {
  /** Renews the lease when half a minute has passed; throws LeaseLostError when another run holds it. */
  keep(): Promise<void>;
  release(): Promise<void>;
};

export async function takePlanLease(planId: string, runner: string): Promise<PlanLease | null> {
  const db = getDb();
  const until = () => new Date(Date.now() + leaseMs);
  const taken = await db.syncPlan.updateMany({
    where: {
      id: planId,
      status: "applying",
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }, { runner }],
    },
    data: { runner, leaseUntil: until() },
  });
  if (taken.count === 0) return null;
  let renewedAt = Date.now();
  return {
    async keep() {
      if (Date.now() - renewedAt < renewEveryMs) return;
      const renewed = await db.syncPlan.updateMany({
        where: { id: planId, runner },
        data: { leaseUntil: until() },
      });
      if (renewed.count === 0) throw new LeaseLostError("another run took over this plan");
      renewedAt = Date.now();
    },
    async release() {
      await db.syncPlan.updateMany({
        where: { id: planId, runner },
        data: { runner: null, leaseUntil: null },
      });
    },
  };
}
