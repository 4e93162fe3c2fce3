import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * The 409 for an edit based on an old version, naming who changed the record
 * and when (from the audit trail) so the form can say "changed by X at T".
 */
export async function staleVersionError(
  tx: Tx,
  entity: { type: string; id: string; version: number },
): Promise<AppError> {
  const last = await tx.auditEvent.findFirst({
    where: { entityType: entity.type, entityId: entity.id },
    orderBy: { seq: "desc" },
    select: { actorLabel: true, occurredAt: true },
  });
  const by = last ? ` by ${last.actorLabel} at ${last.occurredAt.toISOString()}` : "";
  return new AppError("conflict", {
    message: `This ${entity.type} was changed${by} after you loaded it. Reload to see the current version.`,
    details: {
      currentVersion: entity.version,
      changedBy: last?.actorLabel ?? null,
      changedAt: last?.occurredAt.toISOString() ?? null,
    },
  });
}
