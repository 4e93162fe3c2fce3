// What the apply tests share: a plan of one target, its approval by an
// operator (no job queued: the test runs the job in-process), and readers of
// what the apply recorded (operations, bindings, sync.apply audit events).
import { getDb } from "@/lib/db/client";
import { runApplyJob, type ApplyJobOptions } from "@/lib/sync/apply/run-apply-job";
import { startApply, type ApplyMode } from "@/lib/sync/apply/start-apply";
import { createSyncPlan } from "@/lib/sync/plan/create-sync-plan";
import type { TPlanScope } from "@/lib/sync/plan/plan-scope";
import type { PlanSummary } from "@/lib/sync/plan/plan-summary";
import type { TestUser } from "@/test/factories/users";
import { caller } from "./sync-support";

/** A stored plan of one target (or of the bindings named), made by `planner`. */
export async function planOfTarget(planner: TestUser, targetId: string) {
  return planOf(planner, { kind: "target", id: targetId });
}

export const planOfBindings = (planner: TestUser, ids: string[]) =>
  planOf(planner, { kind: "bindings", ids });

async function planOf(planner: TestUser, scope: TPlanScope) {
  const { id } = await createSyncPlan({ ...caller(planner), scope });
  const row = await getDb().syncPlan.findUniqueOrThrow({
    where: { id },
    select: { summary: true },
  });
  return { id, summary: row.summary as PlanSummary };
}

/** `approver` approves the plan (or its failed changes), then the apply job runs here. */
export async function approveAndRun(
  approver: TestUser,
  planId: string,
  options: ApplyJobOptions & { mode?: ApplyMode } = {},
) {
  const { mode = "pending", ...jobOptions } = options;
  const started = await startApply({ ...caller(approver), planId, mode, enqueue: false });
  await runApplyJob({ planId }, jobOptions);
  return started;
}

export const planStatus = async (planId: string) =>
  (await getDb().syncPlan.findUniqueOrThrow({ where: { id: planId }, select: { status: true } }))
    .status;

export const operationsOf = (planId: string) =>
  getDb().syncOperation.findMany({
    where: { planId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      op: true,
      status: true,
      bindingId: true,
      key: true,
      error: true,
      before: true,
    },
  });

export const bindingRow = (id: string) =>
  getDb().binding.findUniqueOrThrow({
    where: { id },
    select: { syncState: true, owned: true, drift: true },
  });

export const lastSeq = async () =>
  (await getDb().auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

/** The sync.apply events written after `seq`, oldest first. */
export const applyEventsSince = (seq: bigint) =>
  getDb().auditEvent.findMany({
    where: { seq: { gt: seq }, action: "sync.apply" },
    orderBy: { seq: "asc" },
    select: {
      actorType: true,
      actorId: true,
      actorLabel: true,
      entityType: true,
      entityId: true,
      before: true,
      after: true,
    },
  });
