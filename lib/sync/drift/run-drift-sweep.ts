import "server-only";
import { getDb } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { jobNames } from "@/lib/jobs/job-names";
import { driftSingletonKey } from "@/lib/sync/drift/drift-singleton-key";

/** Queues a check of every target that has a connection (one per target at a time). */
export async function runDriftSweep(): Promise<void> {
  const targets = await getDb().cloudTarget.findMany({
    where: { connectionId: { not: null } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  for (const { id } of targets) {
    await enqueueJob(
      jobNames.driftTarget,
      { targetId: id, reason: "scheduled" },
      { singletonKey: driftSingletonKey(id) },
    );
  }
}
