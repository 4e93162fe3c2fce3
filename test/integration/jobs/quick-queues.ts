import { jobNames } from "@/lib/jobs/job-names";

/** Quick retries and expiry so a lost job comes back within a test's patience. */
export const quickQueues = {
  [jobNames.driftTarget]: { expireInSeconds: 3, retryDelay: 1, retryBackoff: false, retryLimit: 3 },
};
