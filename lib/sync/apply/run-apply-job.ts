import "server-only";
import { randomUUID } from "node:crypto";
import type { CloudWriter, PlannedChange } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { cloudWriter } from "@/lib/clouds/writers";
import { getDb } from "@/lib/db/client";
import type { JobData } from "@/lib/jobs/job-names";
import { logger } from "@/lib/log/logger";
import { mapLimited } from "@/lib/map-limited";
import { approverOf } from "@/lib/sync/apply/approver";
import { writeStep } from "@/lib/sync/apply/apply-step";
import { finishPlan } from "@/lib/sync/apply/finish-plan";
import { takePlanLease, type PlanLease } from "@/lib/sync/apply/plan-lease";
import {
  openApplyTarget,
  type ApplyTarget,
  type OpenedConnections,
} from "@/lib/sync/apply/open-apply-targets";
import { outcomeRecorder } from "@/lib/sync/apply/outcome-recorder";

// The sync-apply job: every pending (or interrupted) change of an approved
// plan, grouped by the parent the cloud wants written one at a time (an
// Azure identity, an AWS role, a GCP service account). Groups run in
// parallel up to a bound; a group's changes run in plan order. Re-running
// the job after a crash picks up what was not recorded.

/**
 * Parents written at once: enough to overlap the clouds' latency, few enough
 * to stay under their rate limits. Each holds at most one pooled database
 * connection at a time (its next change's mark), and the run's recorder one
 * more: 9 of the pool's default 10.
 */
export const defaultParallelWrites = 8;

export type ApplyJobOptions = {
  writerFor?: (cloud: Cloud) => CloudWriter;
  parallelWrites?: number;
};

type Row = Awaited<ReturnType<typeof loadApplySteps>>[number];

/**
 * A parent's deletes go before its creates and updates: a renamed binding is
 * a delete of its old object and a create of the new one, and Entra refuses
 * a second credential with the same issuer and subject (400) while the old
 * one exists; a trust policy could also pass its size limit in between.
 */
function deletesFirst(group: Row[]): Row[] {
  return [
    ...group.filter((row) => row.op === "delete"),
    ...group.filter((row) => row.op !== "delete"),
  ];
}

/**
 * The parents with the most changes start first: the run's length is then
 * close to the longest parent's, or to the total over the bound, whichever
 * is larger (rather than a long parent starting last, alone).
 */
const longestFirst = (groups: Row[][]) => [...groups].sort((a, b) => b.length - a.length);

/** The plan's changes still to write (pending, or interrupted while applying), in plan order. */
export function loadApplySteps(planId: string) {
  return getDb().syncOperation.findMany({
    where: { planId, status: { in: ["pending", "applying"] }, change: { not: { equals: null } } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      planId: true,
      targetId: true,
      bindingId: true,
      op: true,
      status: true,
      change: true,
      before: true,
    },
  });
}

export async function runApplyJob(
  { planId }: JobData["sync-apply"],
  options: ApplyJobOptions = {},
): Promise<void> {
  const writerFor = options.writerFor ?? cloudWriter;
  const plan = await getDb().syncPlan.findUnique({
    where: { id: planId },
    select: { status: true, approvedBy: true },
  });
  if (plan?.status !== "applying") return;
  const lease = await takePlanLease(planId, randomUUID());
  // Another run holds the plan: the queue retries this job later, by when it has finished.
  if (!lease) throw new Error("Another run is applying this plan.");
  try {
    await applyPending(planId, plan.approvedBy, lease, writerFor, options);
  } finally {
    await lease.release();
  }
}

async function applyPending(
  planId: string,
  approvedBy: unknown,
  lease: PlanLease,
  writerFor: (cloud: Cloud) => CloudWriter,
  options: ApplyJobOptions,
): Promise<void> {
  const context = { actor: approverOf(approvedBy), requestId: `apply-${planId}` };
  const rows = await loadApplySteps(planId);
  const targets = new Map<string, ApplyTarget>();
  const opened: OpenedConnections = new Map();
  const parallel = options.parallelWrites ?? defaultParallelWrites;
  // Read-only, one target per round trip: opened side by side, not in turn.
  await mapLimited([...new Set(rows.map((row) => row.targetId))], parallel, async (targetId) => {
    targets.set(targetId, await openApplyTarget(getDb(), targetId, opened));
  });
  const recorder = outcomeRecorder(context);
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const target = targets.get(row.targetId)!;
    const change = row.change as PlannedChange;
    if (!target.ok) {
      await getDb().syncOperation.update({ where: { id: row.id }, data: { status: "applying" } });
      await recorder.record({ ...row, change }, { status: "failed", error: target.error });
      continue;
    }
    const key = `${target.cloud} ${writerFor(target.cloud).serialKey(target.ref, change)}`;
    const group = groups.get(key) ?? [];
    group.push(row);
    groups.set(key, group);
  }
  const started = Date.now();
  // A change's outcome is recorded while the lane writes its next change;
  // before the one after that, the earlier record must have committed.
  // Records stay in each parent's order (the recorder keeps them in turn),
  // and a failing record stops the lane after at most one more write (left
  // `applying`, recovered by a re-run). The pair is the lane's, carried from
  // one parent to the next: waiting for a parent's last records before
  // taking the next parent cost a batch commit or two per parent.
  const lanes = Array.from({ length: parallel }, () => ({
    older: Promise.resolve(),
    newer: Promise.resolve(),
  }));
  const trailing = () => lanes.flatMap((records) => [records.older, records.newer]);
  try {
    await mapLimited(longestFirst([...groups.values()]), parallel, async (group, lane) => {
      const records = lanes[lane]!;
      for (const row of deletesFirst(group)) {
        await records.older;
        await lease.keep();
        const target = targets.get(row.targetId) as Extract<ApplyTarget, { ok: true }>;
        const writer = writerFor(target.cloud);
        const operation = { ...row, change: row.change as PlannedChange };
        const outcome = await writeStep({ writer }, target, operation);
        records.older = records.newer;
        records.newer = outcome ? recorder.record(operation, outcome) : Promise.resolve();
        // Handled when awaited; until then a rejection is not "unhandled".
        records.newer.catch(() => undefined);
      }
    });
  } finally {
    // Every record handed over is committed (or failed) before the run
    // reports, or lets go of its lease.
    await Promise.allSettled(trailing());
  }
  await Promise.all(trailing());
  const status = await finishPlan(planId);
  logger.info(
    { planId, changes: rows.length, parents: groups.size, ms: Date.now() - started, status },
    "sync apply done",
  );
}
