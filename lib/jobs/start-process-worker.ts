import "server-only";
import { getEnv } from "@/lib/env";
import { driftIntervalSeconds } from "@/lib/jobs/drift-interval";
import { stopJobSender } from "@/lib/jobs/sender";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/log/logger";
import { resumeApplies } from "@/lib/sync/apply/resume-applies";

const resumeEveryMs = 5 * 60 * 1000;

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
  // An apply whose process died goes on (each change re-reads its cloud first),
  // at start and every few minutes after: a plan approved while the queue was
  // unreachable, or whose job used up its retries, is picked up again.
  const resume = () =>
    resumeApplies().then(
      (resumed) => {
        if (resumed > 0) logger.info({ plans: resumed }, "resuming interrupted applies");
      },
      (error: unknown) => logger.warn({ error: String(error) }, "could not resume applies"),
    );
  await resume();
  const resumeTimer = setInterval(() => void resume(), resumeEveryMs);
  resumeTimer.unref();
  return {
    id: worker.id,
    async stop() {
      clearInterval(resumeTimer);
      await worker.stop();
      await stopJobSender();
    },
  };
}
