import "server-only";
import type { MutationCaller } from "@/lib/catalog/audited-mutation";
import { auditedMutation } from "@/lib/catalog/audited-mutation";
import { assertRole } from "@/lib/auth/assert-role";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { jobNames } from "@/lib/jobs/job-names";
import { approverSnapshot } from "@/lib/sync/apply/approver";
import { applySingletonKey } from "@/lib/sync/apply/apply-job-key";
import { failedChangesStillWanted } from "@/lib/sync/apply/retry-freshness";
import { recheckPlan, stalePlanMessage } from "@/lib/sync/plan/recheck-plan";

// POST /api/v1/sync/plans/{id}/apply, the page's Apply and Retry buttons and
// `fedlens sync apply`: the operator approves a stored plan. A first apply
// re-reads the catalogue and the clouds and refuses a plan whose inputs
// changed (SECURITY.md 4.1); a retry takes only the failed changes, and only
// while the catalogue still wants each of them. The plan moves to `applying`
// in the approval's audited transaction, so two approvals cannot both win,
// and the job that writes to the clouds is queued after it commits.

export type ApplyMode = "pending" | "failed";

export type StartedApply = { id: string; status: "applying"; operations: number };

const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError("conflict", { message, details: extra });

async function loadPlan(planId: string) {
  const plan = await getDb().syncPlan.findUnique({
    where: { id: planId },
    select: { id: true, status: true },
  });
  if (!plan) throw new AppError("not_found", { message: "No plan with this id." });
  return plan;
}

async function checkStillWanted(planId: string, mode: ApplyMode): Promise<void> {
  if (mode === "pending") {
    const { fresh } = await recheckPlan(planId);
    if (!fresh) throw conflict(stalePlanMessage, { reason: "stale" });
    return;
  }
  const failed = await getDb().syncOperation.findMany({
    where: { planId, status: "failed" },
    select: { targetId: true, bindingId: true, change: true },
  });
  if (failed.length === 0) throw conflict("No change of this plan failed; nothing to retry.");
  if (!(await failedChangesStillWanted(getDb(), failed))) {
    throw conflict("The catalogue changed since these changes failed; plan again to retry them.", {
      reason: "stale",
    });
  }
}

export async function startApply(
  caller: MutationCaller & { planId: string; mode: ApplyMode; enqueue?: boolean },
): Promise<StartedApply> {
  assertRole(caller.actor, "operator");
  const { planId, mode } = caller;
  const plan = await loadPlan(planId);
  const from = mode === "pending" ? "draft" : "failed";
  if (plan.status !== from) throw conflict(statusMessage(plan.status, mode));
  await checkStillWanted(planId, mode);
  const started = await auditedMutation(
    caller,
    { action: "sync.approve", role: "operator" },
    async (tx) => {
      await refuseOverlappingApply(tx, planId, mode);
      const moved = await tx.syncPlan.updateMany({
        where: { id: planId, status: from },
        data: {
          status: "applying",
          approvedBy: approverSnapshot(caller.actor),
          approvedAt: new Date(),
          finishedAt: null,
        },
      });
      if (moved.count === 0) throw conflict("Someone else started applying this plan.");
      if (mode === "failed") {
        await tx.syncOperation.updateMany({
          where: { planId, status: "failed" },
          data: { status: "pending" },
        });
      }
      const operations = await tx.syncOperation.count({ where: { planId, status: "pending" } });
      return {
        entityId: planId,
        after: { mode, operations },
        result: { id: planId, status: "applying" as const, operations },
      };
    },
  );
  if (caller.enqueue !== false) {
    await enqueueJob(jobNames.syncApply, { planId }, { singletonKey: applySingletonKey(planId) });
  }
  return started;
}

// Approvals take turns (a transaction lock), so two plans naming the same
// target cannot both start writing: the writers serialise one identity, role
// or service account within a process, and this keeps a second worker
// process from writing the same parents at the same time.
const approvalLock = 7_355_608_424_013;

async function refuseOverlappingApply(tx: Tx, planId: string, mode: ApplyMode): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${approvalLock})`;
  const status = mode === "pending" ? "pending" : "failed";
  const busy = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id::text AS id FROM sync_plan p
    WHERE p.status = 'applying' AND p.id <> ${planId}::uuid AND EXISTS (
      SELECT 1 FROM sync_operation mine JOIN sync_operation theirs ON theirs.target_id = mine.target_id
      WHERE mine.plan_id = ${planId}::uuid AND mine.status = ${status}::"SyncOperationStatus"
        AND theirs.plan_id = p.id AND theirs.status IN ('pending', 'applying'))
    LIMIT 1`;
  if (busy[0]) {
    throw conflict(
      "Another plan is being applied to some of these targets; wait for it to finish.",
      {
        reason: "busy",
        plan: busy[0].id,
      },
    );
  }
}

function statusMessage(status: string, mode: ApplyMode): string {
  if (status === "stale") return stalePlanMessage;
  if (status === "applying") return "This plan is being applied.";
  if (status === "applied") return "This plan has been applied; plan again for new changes.";
  if (mode === "failed") return "Only a plan with failed changes can be retried.";
  return "This plan has been applied already; retry its failed changes or plan again.";
}
