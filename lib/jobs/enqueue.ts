import "server-only";
import type PgBoss from "pg-boss";
import { jobSchema } from "@/lib/jobs/boss";
import type { JobData, JobName } from "@/lib/jobs/job-names";
import { jobSender } from "@/lib/jobs/sender";

/** The queued or running job holding `singletonKey`, newest first. */
export async function findPendingJob(
  name: JobName,
  singletonKey: string,
  boss?: PgBoss,
): Promise<string | null> {
  boss ??= await jobSender();
  const { rows } = await boss.getDb().executeSql(
    `SELECT id FROM ${jobSchema}.job WHERE name = $1 AND singleton_key = $2
       AND state IN ('created', 'retry', 'active') ORDER BY created_on DESC LIMIT 1`,
    [name, singletonKey],
  );
  return (rows[0] as { id: string } | undefined)?.id ?? null;
}

/**
 * Puts a job on its queue and returns its id. `singletonKey` keeps one
 * queued job per key (one drift check per target at a time): when one is
 * already waiting, its id is returned instead of a second job.
 */
export async function enqueueJob<N extends JobName>(
  name: N,
  data: JobData[N],
  options: { singletonKey?: string } = {},
): Promise<string> {
  const boss = await jobSender();
  const { singletonKey } = options;
  // The waiting job may start or finish between our insert and our lookup;
  // a couple of rounds settle it.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const id = await boss.send(name, data, singletonKey ? { singletonKey } : {});
    if (id) return id;
    if (!singletonKey) break;
    const existing = await findPendingJob(name, singletonKey, boss);
    if (existing) return existing;
  }
  throw new Error(`The job queue refused a ${name} job.`);
}
