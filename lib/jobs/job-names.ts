// The job queues (pg-boss queue names) and what each job's data holds. The
// worker (lib/jobs) maps each to its handler; use-cases enqueue by name.

export const jobNames = {
  /** Read what a connection's cloud holds into an ImportRun. */
  importRead: "import-read",
  /** Compare one target with its cloud. */
  driftTarget: "drift-target",
  /** Enqueue a drift check of every connected target (scheduled by FEDLENS_DRIFT_INTERVAL). */
  driftSweep: "drift-sweep",
  /** Write an approved plan's pending changes to the clouds. */
  syncApply: "sync-apply",
} as const;

export type JobName = (typeof jobNames)[keyof typeof jobNames];

export type JobData = {
  "import-read": { runId: string };
  "drift-target": { targetId: string; reason: "manual" | "scheduled" };
  "drift-sweep": Record<string, never>;
  "sync-apply": { planId: string };
};
