import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { summarizeTrustMap, type TrustOverview } from "@/lib/trust-map/reach-overview";
import { queryReach } from "@/lib/trust-map/reach-query";
import type {
  TReachAnswer,
  TReachQuery,
  TTargetReach,
  TWorkloadReach,
} from "@/lib/trust-map/reach-schemas";
import { targetReach, workloadReach } from "@/lib/trust-map/reach-views";
import { readTrustMap } from "@/lib/trust-map/trust-map-cache";

// The reverse lookup on the catalogue as it stands, read from the process's
// trust map (kept current from the audit trail), then read synchronously.

type Options = { db?: DbOrTx; at?: Date };

export async function getTargetReach({
  targetId,
  ...options
}: Options & { targetId: string }): Promise<TTargetReach> {
  const reach = targetReach(await readTrustMap(options), targetId);
  if (!reach) throw new AppError("not_found", { message: "No target with this id." });
  return reach;
}

export async function getWorkloadReach({
  workloadId,
  ...options
}: Options & { workloadId: string }): Promise<TWorkloadReach> {
  const reach = workloadReach(await readTrustMap(options), workloadId);
  if (!reach) throw new AppError("not_found", { message: "No workload with this id." });
  return reach;
}

export async function findReach({
  query,
  ...options
}: Options & { query: TReachQuery }): Promise<TReachAnswer> {
  return queryReach(await readTrustMap(options), query);
}

/** The overview's summary of the catalogue's trust graph. */
export async function getTrustOverview(options: Options = {}): Promise<TrustOverview> {
  return summarizeTrustMap(await readTrustMap(options));
}
