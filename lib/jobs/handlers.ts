import "server-only";
import type { JobData, JobName } from "@/lib/jobs/job-names";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import { runDriftSweep } from "@/lib/sync/drift/run-drift-sweep";
import { runImportJob } from "@/lib/sync/import/run-import-job";
import { runApplyJob } from "@/lib/sync/apply/run-apply-job";

export type JobHandlers = { [N in JobName]: (data: JobData[N]) => Promise<void> };

/** What each queue runs. Every handler is idempotent: a retried job converges. */
export const defaultHandlers: JobHandlers = {
  "import-read": runImportJob,
  "drift-target": runDriftJob,
  "drift-sweep": runDriftSweep,
  "sync-apply": (data) => runApplyJob(data),
};
