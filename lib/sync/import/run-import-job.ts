import "server-only";
import type { JobData } from "@/lib/jobs/job-names";

/** Placeholder: the import work replaces the body. Must be idempotent (a re-run converges). */
export async function runImportJob(data: JobData["import-read"]): Promise<void> {
  throw new Error(`Import is not built yet (${data.runId}).`);
}
