import "server-only";
import PgBoss from "pg-boss";
import { jobNames, type JobName } from "@/lib/jobs/job-names";
import { queueSettings, type QueueSettings } from "@/lib/jobs/queue-settings";

// pg-boss keeps its tables in its own schema ("pgboss"), created and
// migrated by pg-boss itself under an advisory lock, never by our migration
// runner (which only applies prisma/migrations to "public"). It polls rather
// than LISTENs, so it works through the embedded database's socket with a
// pool of one connection as on a real server.

export const jobSchema = "pgboss";

export type BossOptions = {
  databaseUrl: string;
  /** Connections in pg-boss's own pool (1 on the embedded database). */
  poolMax: number;
  /** Workers run maintenance (expiring jobs whose worker died); senders do not. */
  supervise?: boolean;
  maintenanceIntervalSeconds?: number;
  /** Test override of each queue's retry and expiry settings. */
  queues?: Partial<Record<JobName, Partial<QueueSettings>>>;
};

export function createBoss(options: BossOptions): PgBoss {
  return new PgBoss({
    connectionString: options.databaseUrl,
    max: options.poolMax,
    schema: jobSchema,
    application_name: "fedlens-jobs",
    migrate: true,
    // Our own timer sends the sweep (FEDLENS_DRIFT_INTERVAL accepts seconds; cron does not).
    schedule: false,
    supervise: options.supervise ?? false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
}

/** Creates the queues when missing and brings their settings up to date. */
export async function ensureQueues(
  boss: PgBoss,
  overrides: BossOptions["queues"] = {},
): Promise<void> {
  for (const name of Object.values(jobNames)) {
    const settings = { ...queueSettings[name], ...overrides[name], name };
    await boss.createQueue(name, settings);
    await boss.updateQueue(name, settings);
  }
}

/**
 * Installs pg-boss's schema and our queues (idempotent); `migrate` and
 * `serve` call it after the SQL migrations, and so do the test databases.
 */
export async function installJobQueues(databaseUrl: string): Promise<void> {
  const boss = createBoss({ databaseUrl, poolMax: 1 });
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
