import "server-only";
import { CloudCallError, type CloudError, type CloudWriter } from "@/lib/clouds/adapter-types";
import { getDb } from "@/lib/db/client";
import { scrubText } from "@/lib/log/scrub";
import type { ApplyTarget } from "@/lib/sync/apply/open-apply-targets";
import type { StepOperation, StepOutcome } from "@/lib/sync/apply/record-outcome";
import { specStillWanted, stepStillWanted } from "@/lib/sync/apply/step-still-wanted";

// One change: marked `applying` (committed before the cloud is called, so a
// crash leaves a trace), handed to the cloud's writer, then recorded. The
// writer re-reads the object first, so re-running a step converges; a step
// found `applying` was interrupted after it may have written, and if the
// cloud now holds the change, that write was ours and is recorded as applied
// (with its audit event) rather than as unchanged.

export type StepContext = { writer: CloudWriter };

function unexpected(error: unknown): CloudError {
  const message = scrubText(error instanceof Error ? error.message : String(error));
  return {
    kind: "other",
    code: "ApplyFailed",
    message,
    cause: "Fedlens could not complete this change.",
    fix: "Retry the failed changes; if it fails again, check the server log for this plan.",
  };
}

/** The binding was edited, or deleted, after the approval: its planned version is not written. */
const changedSinceApproval: CloudError = {
  kind: "conflict",
  code: "ChangedSincePlan",
  message: "The catalogue changed this binding after the plan was approved.",
  cause:
    "The binding was edited or deleted after the plan was approved, so the planned change is out of date.",
  fix: "Plan again to apply the binding as it is now.",
};

/**
 * Marks the step `applying`, only from the state this run loaded (a step
 * another run recorded meanwhile is left alone), and in the same round trip
 * reads the spec its binding has now: the lane waits for one query between
 * two writes, not two. Null when the step is not this run's to write.
 */
async function markApplying(operation: StepOperation & { status: string }) {
  const rows = await getDb().$queryRaw<{ spec: unknown }[]>`
    UPDATE sync_operation SET status = 'applying', attempts = attempts + 1, updated_at = now()
    WHERE id = ${operation.id}::uuid AND status = ${operation.status}::"SyncOperationStatus"
    RETURNING (SELECT spec FROM binding WHERE id = ${operation.bindingId}::uuid) AS spec`;
  return rows[0] ?? null;
}

async function stillWanted(operation: StepOperation, spec: unknown): Promise<boolean> {
  if (operation.change.op === "delete") return stepStillWanted(getDb(), operation);
  return specStillWanted(spec, operation.change);
}

/**
 * The step up to its cloud call: marked `applying`, then written; returns
 * the outcome to record, or null when another run holds the step. Recording
 * is left to the caller, so the job can start the parent's next change while
 * this one is recorded (the database work then overlaps the next change's
 * round trips instead of adding to them). A crash before the record leaves
 * the step `applying`, which a re-run recovers like any interrupted step.
 */
export async function writeStep(
  context: StepContext,
  target: Extract<ApplyTarget, { ok: true }>,
  operation: StepOperation & { status: string },
): Promise<StepOutcome | null> {
  const interrupted = operation.status === "applying";
  const marked = await markApplying(operation);
  if (!marked) return null;
  if (!(await stillWanted(operation, marked.spec))) {
    return { status: "failed", error: changedSinceApproval };
  }
  let result;
  try {
    result = await context.writer.applyChange(target.connection, target.ref, operation.change);
  } catch (error) {
    const cloudError = error instanceof CloudCallError ? error.cloudError : unexpected(error);
    return { status: "failed", error: cloudError };
  }
  return result.status === "applied" || interrupted
    ? { status: "applied", after: result.after, recovered: result.status !== "applied" }
    : { status: "unchanged" };
}
