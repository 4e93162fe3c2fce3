import "server-only";
import type PgBoss from "pg-boss";
import type pino from "pino";
import { createBoss, ensureQueues, type BossOptions } from "@/lib/jobs/boss";
import { defaultHandlers, type JobHandlers } from "@/lib/jobs/handlers";
import { jobNames, type JobData, type JobName } from "@/lib/jobs/job-names";
import { describeJobError } from "@/lib/jobs/job-error";

export type WorkerOptions = BossOptions & {
  logger: pino.Logger;
  /** Seconds between drift sweeps; null: no periodic checks. */
  driftIntervalSeconds: number | null;
  handlers?: JobHandlers;
  pollingIntervalSeconds?: number;
  /** How long SIGTERM waits for running jobs before handing them back to the queue. */
  stopTimeoutMs?: number;
};

export type RunningWorker = { id: string; stop: () => Promise<void> };

// pg-boss refuses a throttling slot longer than its archive interval (12 h by default).
const longestSlotSeconds = 12 * 60 * 60;

function handle<N extends JobName>(
  name: N,
  handlers: JobHandlers,
  logger: pino.Logger,
): PgBoss.WorkHandler<JobData[N]> {
  return async ([job]) => {
    if (!job) return;
    try {
      await handlers[name](job.data);
    } catch (error) {
      const described = describeJobError(error);
      logger.warn(
        { queue: name, jobId: job.id, error: described },
        "job failed; it is retried while attempts remain",
      );
      // What pg-boss stores as the job's output: the described error only.
      throw new Error(described.message);
    }
  };
}

/**
 * A worker: one pg-boss instance that polls every queue, runs maintenance
 * (jobs whose worker died are expired and retried), and sends the periodic
 * drift sweep. Several may run against one database; throttled sends keep
 * it to one sweep per interval between them.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { logger, handlers = defaultHandlers } = options;
  const boss = createBoss({ ...options, supervise: true });
  boss.on("error", (error) => logger.error({ error: describeJobError(error) }, "job queue error"));
  await boss.start();
  await ensureQueues(boss, options.queues);
  const workOptions = { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  for (const name of Object.values(jobNames)) {
    await boss.work(name, workOptions, handle(name, handlers, logger));
  }
  const timer = scheduleSweep(boss, options.driftIntervalSeconds, logger);
  const id = crypto.randomUUID();
  logger.info({ worker: id, driftIntervalSeconds: options.driftIntervalSeconds }, "worker started");
  let stopping: Promise<void> | undefined;
  return {
    id,
    stop() {
      stopping ??= (async () => {
        if (timer) clearInterval(timer);
        await boss.stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 20_000 });
        logger.info({ worker: id }, "worker stopped");
      })();
      return stopping;
    },
  };
}

function scheduleSweep(boss: PgBoss, seconds: number | null, logger: pino.Logger) {
  if (seconds === null) return null;
  const slot = Math.min(seconds, longestSlotSeconds);
  const send = () =>
    boss
      .sendThrottled(jobNames.driftSweep, {}, {}, slot, "sweep")
      .catch((error: unknown) =>
        logger.error({ error: describeJobError(error) }, "could not queue the drift sweep"),
      );
  void send();
  const timer = setInterval(send, seconds * 1000);
  timer.unref();
  return timer;
}
