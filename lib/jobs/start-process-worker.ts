import "server-only";
import { getEnv } from "@/lib/env";
import { driftIntervalSeconds } from "@/lib/jobs/drift-interval";
import { stopJobSender } from "@/lib/jobs/sender";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/log/logger";
import { resumeApplies } from "@/lib/sync/apply/resume-applies";

/**
 * The worker a Fedlens process runs (inside `serve` when FEDLENS_WORKER is
 * on, or `worker`), configured from the environment: one connection on the
 * embedded database, the configured pool on a server.
 */
export async function startProcessWorker({
  databaseUrl,
  embedded,
}: {
  databaseUrl: string;
  embedded: boolean;
}): Promise<RunningWorker> {
  const env = getEnv();
  const worker = await startWorker({
    databaseUrl,
    poolMax: embedded ? 1 : env.FEDLENS_DB_POOL_MAX,
    driftIntervalSeconds: driftIntervalSeconds(env.FEDLENS_DRIFT_INTERVAL),
    logger: logger.child({ component: "jobs" }),
  });
  // An apply whose process died goes on (each change re-reads its cloud first).
  const resumed = await resumeApplies();
  if (resumed > 0) logger.info({ plans: resumed }, "resuming interrupted applies");
  return {
    id: worker.id,
    async stop() {
      await worker.stop();
      await stopJobSender();
    },
  };
}
