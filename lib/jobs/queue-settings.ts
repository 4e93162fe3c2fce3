import type PgBoss from "pg-boss";
import { jobNames, type JobName } from "@/lib/jobs/job-names";

// How each queue retries and when a job counts as lost. pg-boss keeps these
// per queue (https://timgit.github.io/pg-boss/#/./api/queues?id=createqueue):
// a handler that throws, or a job whose worker died and whose `expireInSeconds`
// passed, is retried `retryLimit` times with exponential backoff from
// `retryDelay` seconds (jittered), then left failed.

export type QueueSettings = Required<
  Pick<PgBoss.Queue, "retryLimit" | "retryDelay" | "retryBackoff" | "expireInSeconds">
> & { policy: PgBoss.QueuePolicy };

/**
 * `stately` keeps at most one queued and one running job per singleton key:
 * a second "check this target" while one waits is the same job, while a
 * request during a running check queues one more (the running one may have
 * read the cloud before the change the operator is asking about).
 */
export const queueSettings: Record<JobName, QueueSettings> = {
  [jobNames.importRead]: {
    policy: "stately",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
  },
  [jobNames.driftTarget]: {
    policy: "stately",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 10 * 60,
  },
  // A crashed apply is re-run soon (each step re-reads the cloud first, so a
  // re-run converges); the expiry bounds how long a dead worker holds it.
  [jobNames.syncApply]: {
    policy: "stately",
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  },
  [jobNames.driftSweep]: {
    policy: "standard",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  },
};
