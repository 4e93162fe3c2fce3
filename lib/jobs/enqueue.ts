import "server-only";
import type { JobData, JobName } from "@/lib/jobs/job-names";

/**
 * Puts a job on its queue and returns its id. `singletonKey` keeps one
 * queued job per key (one drift check per target at a time).
 * Placeholder: the jobs work replaces the body with pg-boss.
 */
export async function enqueueJob<N extends JobName>(
  name: N,
  data: JobData[N],
  options: { singletonKey?: string } = {},
): Promise<string> {
  void data;
  void options;
  throw new Error(`The job queue is not built yet (${name}).`);
}
