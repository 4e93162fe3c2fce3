import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { CloudCallError, type CloudError, type CloudWriter } from "@/lib/clouds/adapter-types";
import { getDb } from "@/lib/db/client";
import { scrubText } from "@/lib/log/scrub";
import type { ApplyTarget } from "@/lib/sync/apply/open-apply-targets";
import { recordOutcome, type StepOperation } from "@/lib/sync/apply/record-outcome";
import { stepStillWanted } from "@/lib/sync/apply/step-still-wanted";

// One change: marked `applying` (committed before the cloud is called, so a
// crash leaves a trace), handed to the cloud's writer, then recorded. The
// writer re-reads the object first, so re-running a step converges; a step
// found `applying` was interrupted after it may have written, and if the
// cloud now holds the change, that write was ours and is recorded as applied
// (with its audit event) rather than as unchanged.

export type StepContext = { actor: Actor; requestId: string; writer: CloudWriter };

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

/** A change written (or refused) by the cloud, whose outcome is not recorded yet. */
export type WrittenStep = { record: () => Promise<void> };

const nothingToRecord: WrittenStep = { record: async () => undefined };

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
 * The step up to its cloud call: marked `applying`, then written. Recording
 * is left to the caller, so the job can start the parent's next change while
 * this one is recorded (the database work then overlaps the next change's
 * round trips instead of adding to them). A crash before the record leaves
 * the step `applying`, which a re-run recovers like any interrupted step.
 */
export async function writeStep(
  context: StepContext,
  target: Extract<ApplyTarget, { ok: true }>,
  operation: StepOperation & { status: string },
): Promise<WrittenStep> {
  const interrupted = operation.status === "applying";
  // Only from the state this run loaded: a step another run recorded meanwhile is left alone.
  const marked = await getDb().syncOperation.updateMany({
    where: { id: operation.id, status: operation.status as "pending" | "applying" },
    data: { status: "applying", attempts: { increment: 1 } },
  });
  if (marked.count === 0) return nothingToRecord;
  if (!(await stepStillWanted(getDb(), operation))) {
    return {
      record: () =>
        recordOutcome(context, operation, { status: "failed", error: changedSinceApproval }),
    };
  }
  let result;
  try {
    result = await context.writer.applyChange(target.connection, target.ref, operation.change);
  } catch (error) {
    const cloudError = error instanceof CloudCallError ? error.cloudError : unexpected(error);
    return {
      record: () => recordOutcome(context, operation, { status: "failed", error: cloudError }),
    };
  }
  const outcome =
    result.status === "applied" || interrupted
      ? { status: "applied" as const, after: result.after, recovered: result.status !== "applied" }
      : { status: "unchanged" as const };
  return { record: () => recordOutcome(context, operation, outcome) };
}

/** One step, written and recorded. */
export async function applyStep(
  context: StepContext,
  target: Extract<ApplyTarget, { ok: true }>,
  operation: StepOperation & { status: string },
): Promise<void> {
  await (await writeStep(context, target, operation)).record();
}
