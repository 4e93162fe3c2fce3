import "server-only";
import { CloudCallError, type CloudError, type CloudWriter } from "@/lib/clouds/adapter-types";
import { getDb } from "@/lib/db/client";
import { scrubText } from "@/lib/log/scrub";
import type { ApplyTarget } from "@/lib/sync/apply/open-apply-targets";
import type { StepOperation, StepOutcome } from "@/lib/sync/apply/record-outcome";
import { stepStillWanted } from "@/lib/sync/apply/step-still-wanted";

// One change: marked `applying` (committed before the cloud is called, so a
// crash leaves a trace), handed to the cloud's writer, then recorded. The
// writer re-reads the object first, so re-running a step converges; a step
// found `applying` was interrupted after it may have written, and if the
// cloud now holds the change, that write was ours and is recorded as applied
// (with its audit event) rather than as unchanged.

export type StepContext = { writer: CloudWriter };

/** A step this run marked `applying`, with the attempt count its mark left. */
export type MarkedStep = { operation: StepOperation & { status: string }; attempts: number };

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
 * another run recorded meanwhile is left alone). Marking early is safe:
 * `applying` means "may have been written", which a re-run settles by
 * re-reading the cloud. Null when the step is not this run's to write.
 */
export async function markStep(
  operation: StepOperation & { status: string },
): Promise<MarkedStep | null> {
  const rows = await getDb().$queryRaw<{ attempts: number }[]>`
    UPDATE sync_operation SET status = 'applying', attempts = attempts + 1, updated_at = now()
    WHERE id = ${operation.id}::uuid AND status = ${operation.status}::"SyncOperationStatus"
    RETURNING attempts`;
  return rows[0] ? { operation, attempts: rows[0].attempts } : null;
}

/**
 * Puts back a step marked ahead whose cloud call will not be made (its
 * parent stopped first), so it reads as not attempted rather than as
 * interrupted. Only while the row is exactly as this run's mark left it: a
 * step another run has marked since (its attempt count moved on) is theirs.
 * When this fails too, the step stays `applying`, which a re-run recovers.
 */
export async function unmarkStep({ operation, attempts }: MarkedStep): Promise<void> {
  await getDb().$executeRaw`
    UPDATE sync_operation SET status = ${operation.status}::"SyncOperationStatus",
      attempts = attempts - 1, updated_at = now()
    WHERE id = ${operation.id}::uuid AND status = 'applying' AND attempts = ${attempts}`;
}

/**
 * A marked step's cloud call; returns the outcome to record. The catalogue
 * is re-checked here, just before the call (a read, no commit), so a binding
 * edited while the parent's previous change was being written is still
 * refused. Recording is left to the caller, so the job can start the
 * parent's next change while this one is recorded. A crash before the record
 * leaves the step `applying`, which a re-run recovers like any interrupted
 * step.
 */
export async function writeMarkedStep(
  context: StepContext,
  target: Extract<ApplyTarget, { ok: true }>,
  { operation }: MarkedStep,
): Promise<StepOutcome> {
  const interrupted = operation.status === "applying";
  if (!(await stepStillWanted(getDb(), operation))) {
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
