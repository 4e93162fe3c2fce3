import "server-only";
import type { JobData } from "@/lib/jobs/job-names";

/** Placeholder: the drift work replaces the body. Must be idempotent (a re-run converges). */
export async function runDriftJob(data: JobData["drift-target"]): Promise<void> {
  throw new Error(`Drift is not built yet (${data.targetId}).`);
}
