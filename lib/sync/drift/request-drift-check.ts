import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { jobNames } from "@/lib/jobs/job-names";
import { isUuid } from "@/lib/schemas/common";
import type { TDriftCheckQueued } from "@/lib/schemas/drift";
import { driftSingletonKey } from "@/lib/sync/drift/drift-singleton-key";

/**
 * Queues a drift check of one target (the "Check now" button and
 * POST /targets/{id}/refresh). Asking twice while one waits is one check.
 * The request is audited as `drift.check` under the operator's name; the
 * periodic checks are not (their changes of state are).
 */
export async function requestDriftCheck({
  actor,
  requestId,
  targetId,
}: {
  actor: Actor;
  requestId: string;
  targetId: string;
}): Promise<TDriftCheckQueued> {
  assertRole(actor, "operator");
  const db = getDb();
  const target = isUuid(targetId)
    ? await db.cloudTarget.findUnique({
        where: { id: targetId },
        select: { id: true, connectionId: true },
      })
    : null;
  if (!target) throw new AppError("not_found", { message: "No target with this id." });
  if (!target.connectionId) {
    throw new AppError("conflict", {
      message:
        "This target has no cloud connection, so Fedlens cannot read it. Link it to a connection first; until then its bindings stay pending.",
    });
  }
  const jobId = await enqueueJob(
    jobNames.driftTarget,
    { targetId: target.id, reason: "manual" },
    { singletonKey: driftSingletonKey(target.id) },
  );
  await db.$transaction((tx) =>
    appendAuditEvent(tx, {
      actor,
      requestId,
      action: "drift.check",
      entityType: "target",
      entityId: target.id,
      after: { jobId },
    }),
  );
  return {
    jobId,
    targetId: target.id,
    status: "queued",
    poll: `/api/v1/targets/${target.id}/refresh`,
  };
}
