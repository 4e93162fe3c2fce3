import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import { AppError } from "@/lib/errors";
import { findPendingJob } from "@/lib/jobs/enqueue";
import { jobNames } from "@/lib/jobs/job-names";
import { isUuid } from "@/lib/schemas/common";
import {
  ZBindingDriftDetail,
  ZDriftError,
  ZUnmanagedObject,
  type TTargetDrift,
} from "@/lib/schemas/drift";
import type { TSyncState } from "@/lib/schemas/binding";
import { driftSingletonKey } from "@/lib/sync/drift/drift-singleton-key";
import { z } from "zod";

// The stored JSON is ours, but it is parsed on the way out all the same, so
// a row written by an older version shows as "not checked" instead of breaking the page.
const ZStoredTarget = z.object({
  read: z.enum(["found", "missing", "unreadable"]),
  error: ZDriftError.optional(),
  unmanaged: z.array(ZUnmanagedObject),
  foreign: z.array(ZUnmanagedObject.extend({ description: z.string() })).default([]),
});

export function connectionImportHref(connectionId: string): string {
  return `/connections/${connectionId}/import`;
}

/** A target's last drift check, per binding, and whether a check is queued or running. */
export async function getTargetDrift({
  targetId,
  db = getDb(),
}: {
  targetId: string;
  db?: DbOrTx;
}): Promise<TTargetDrift> {
  const target = isUuid(targetId)
    ? await db.cloudTarget.findUnique({
        where: { id: targetId },
        select: {
          id: true,
          connectionId: true,
          drift: true,
          driftCheckedAt: true,
          bindings: {
            orderBy: { name: "asc" },
            select: { id: true, name: true, syncState: true, drift: true, syncCheckedAt: true },
          },
        },
      })
    : null;
  if (!target) throw new AppError("not_found", { message: "No target with this id." });
  const stored = ZStoredTarget.safeParse(target.drift);
  const checking = target.connectionId
    ? (await findPendingJob(jobNames.driftTarget, driftSingletonKey(target.id))) !== null
    : false;
  return {
    targetId: target.id,
    connectionId: target.connectionId,
    importHref: target.connectionId ? connectionImportHref(target.connectionId) : null,
    checkedAt: target.driftCheckedAt?.toISOString() ?? null,
    read: stored.success ? stored.data.read : null,
    error: stored.success ? (stored.data.error ?? null) : null,
    unmanaged: stored.success ? stored.data.unmanaged : [],
    foreign: stored.success ? stored.data.foreign : [],
    bindings: target.bindings.map((binding) => {
      const detail = ZBindingDriftDetail.safeParse(binding.drift);
      return {
        id: binding.id,
        name: binding.name,
        syncState: fromDbEnum<TSyncState>(binding.syncState),
        checkedAt: binding.syncCheckedAt?.toISOString() ?? null,
        detail: detail.success ? detail.data : null,
      };
    }),
    checking,
  };
}
