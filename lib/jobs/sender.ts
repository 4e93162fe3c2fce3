import "server-only";
import type PgBoss from "pg-boss";
import { createBoss, ensureQueues } from "@/lib/jobs/boss";
import { getEnv } from "@/lib/env";
import { describeJobError } from "@/lib/jobs/job-error";
import { logger } from "@/lib/log/logger";

// The pg-boss instance a process uses to put jobs on queues (the console's
// route handlers, the CLI, the sweep). It does no maintenance and holds one
// connection of its own beside the Prisma pool.

const globalForJobs = globalThis as unknown as { fedlensJobSender?: Promise<PgBoss> };

async function startSender(): Promise<PgBoss> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: the job queue has no database.");
  const boss = createBoss({ databaseUrl: env.DATABASE_URL, poolMax: 1 });
  // pg-boss emits pool errors; without a listener an EventEmitter would throw them.
  boss.on("error", (error) =>
    logger.warn({ error: describeJobError(error) }, "job queue connection error"),
  );
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

export function jobSender(): Promise<PgBoss> {
  const started = (globalForJobs.fedlensJobSender ??= startSender());
  // A failed start (database down) is retried on the next call, not cached.
  started.catch(() => {
    if (globalForJobs.fedlensJobSender === started) globalForJobs.fedlensJobSender = undefined;
  });
  return started;
}

/** Releases the sender's connection (tests, CLI exit). */
export async function stopJobSender(): Promise<void> {
  const sender = globalForJobs.fedlensJobSender;
  globalForJobs.fedlensJobSender = undefined;
  const boss = await sender?.catch(() => undefined);
  await boss?.stop({ graceful: false, wait: true });
}
