import "server-only";
import { getDb } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { jobNames } from "@/lib/jobs/job-names";
import { applySingletonKey } from "@/lib/sync/apply/apply-job-key";

/**
 * At worker start and every few minutes: every plan left `applying` that no
 * run holds (its job lost or out of retries, or the CLI that ran it killed)
 * gets its job back. A job still queued keeps its place (the singleton key);
 * one whose worker died is retried by the queue once it expires.
 */
export async function resumeApplies(): Promise<number> {
  const plans = await getDb().syncPlan.findMany({
    where: { status: "applying", OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
    select: { id: true },
  });
  for (const { id } of plans) {
    await enqueueJob(jobNames.syncApply, { planId: id }, { singletonKey: applySingletonKey(id) });
  }
  return plans.length;
}
