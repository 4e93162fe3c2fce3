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
import {
  markStep,
  unmarkStep,
  writeMarkedStep,
  type MarkedStep,
} from "@/lib/sync/apply/apply-step";
import { finishPlan } from "@/lib/sync/apply/finish-plan";
import { takePlanLease, type PlanLease } from "@/lib/sync/apply/plan-lease";
import {
  openApplyTarget,
  type ApplyTarget,
  type OpenedConnections,
} from "@/lib/sync/apply/open-apply-targets";
import { outcomeRecorder, type OutcomeRecorder } from "@/lib/sync/apply/outcome-recorder";
import type { StepOperation } from "@/lib/sync/apply/record-outcome";

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

type Row = Awaited<ReturnType<typeof loadSteps>>[number];

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

function loadSteps(planId: string) {
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
  const rows = await loadSteps(planId);
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
  await mapLimited(longestFirst([...groups.values()]), parallel, (group) =>
    applyGroup(
      deletesFirst(group).map((row) => ({ ...row, change: row.change as PlannedChange })),
      (operation) => {
        const target = targets.get(operation.targetId) as Extract<ApplyTarget, { ok: true }>;
        return { target, writer: writerFor(target.cloud) };
      },
      lease,
      recorder,
    ),
  );
  const status = await finishPlan(planId);
  logger.info(
    { planId, changes: rows.length, parents: groups.size, ms: Date.now() - started, status },
    "sync apply done",
  );
}

type GroupStep = StepOperation & { status: string };

async function markAhead(lease: PlanLease, operation: GroupStep): Promise<MarkedStep | null> {
  await lease.keep();
  return markStep(operation);
}

/**
 * One parent's changes, in turn. Each change is marked `applying` while the
 * one before it is with the cloud, so the next write starts as soon as that
 * call returns (the mark's commit is off the parent's path; the catalogue is
 * still re-checked just before each write). A change's outcome is recorded
 * while the next one is written; before the one after that, the earlier
 * record must have committed. Records stay in the parent's order (the
 * recorder keeps them in turn). When the parent stops (a failing record, a
 * lost lease, the database), the change marked ahead is put back, and a
 * change whose record failed is left `applying` for a re-run to recover. A
 * change the cloud refuses does not stop the parent: its next change is
 * written, as before.
 */
async function applyGroup(
  steps: GroupStep[],
  writerOf: (operation: GroupStep) => {
    target: Extract<ApplyTarget, { ok: true }>;
    writer: CloudWriter;
  },
  lease: PlanLease,
  recorder: OutcomeRecorder,
): Promise<void> {
  let older = Promise.resolve();
  let newer = Promise.resolve();
  let ahead: Promise<MarkedStep | null> | undefined = steps[0] && markAhead(lease, steps[0]);
  // Marked by this run but not yet handed to the cloud: put back if the parent stops.
  let unwritten: MarkedStep | null = null;
  try {
    for (const [index, operation] of steps.entries()) {
      unwritten = await ahead!;
      ahead = undefined;
      await older;
      await lease.keep();
      const next = steps[index + 1];
      const marked = unwritten;
      unwritten = null;
      if (next) {
        ahead = markAhead(lease, next);
        // Handled when awaited; until then a rejection is not "unhandled".
        ahead.catch(() => undefined);
      }
      const { target, writer } = writerOf(operation);
      const outcome = marked && (await writeMarkedStep({ writer }, target, marked));
      older = newer;
      newer = outcome ? recorder.record(operation, outcome) : Promise.resolve();
      newer.catch(() => undefined);
    }
    await older;
    await newer;
  } catch (error) {
    const pending = unwritten ?? (await ahead?.catch(() => null));
    if (pending) await unmarkStep(pending).catch(() => undefined);
    throw error;
  }
}
