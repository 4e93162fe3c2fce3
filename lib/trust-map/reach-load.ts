import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadTrustMap } from "@/lib/trust-map/load-trust-map";
import { summarizeTrustMap, type TrustOverview } from "@/lib/trust-map/reach-overview";
import { queryReach } from "@/lib/trust-map/reach-query";
import type {
  TReachAnswer,
  TReachQuery,
  TTargetReach,
  TWorkloadReach,
} from "@/lib/trust-map/reach-schemas";
import { targetReach, workloadReach } from "@/lib/trust-map/reach-views";

// The reverse lookup on the catalogue as it stands: the graph is built for
// the request (the loader selects only what it needs), then read.

type Options = { db?: DbOrTx; at?: Date };

export async function getTargetReach({
  targetId,
  ...options
}: Options & { targetId: string }): Promise<TTargetReach> {
  const reach = targetReach(
    await loadTrustMap({ db: options.db ?? getDb(), at: options.at }),
    targetId,
  );
  if (!reach) throw new AppError("not_found", { message: "No target with this id." });
  return reach;
}

export async function getWorkloadReach({
  workloadId,
  ...options
}: Options & { workloadId: string }): Promise<TWorkloadReach> {
  const reach = workloadReach(
    await loadTrustMap({ db: options.db ?? getDb(), at: options.at }),
    workloadId,
  );
  if (!reach) throw new AppError("not_found", { message: "No workload with this id." });
  return reach;
}

export async function findReach({
  query,
  ...options
}: Options & { query: TReachQuery }): Promise<TReachAnswer> {
  return queryReach(await loadTrustMap({ db: options.db ?? getDb(), at: options.at }), query);
}

/** The overview's summary of the catalogue's trust graph. */
export async function getTrustOverview(options: Options = {}): Promise<TrustOverview> {
  return summarizeTrustMap(await loadTrustMap({ db: options.db ?? getDb(), at: options.at }));
}
