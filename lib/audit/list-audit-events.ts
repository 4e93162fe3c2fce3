import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TAuditEvent, TAuditQuery } from "@/lib/schemas/audit";

// 18 digits stay inside Postgres bigint whatever they are.
const ZCursor = z.object({ seq: z.string().regex(/^\d{1,18}$/) });

type Row = Prisma.AuditEventGetPayload<object>;

function toDto(row: Row): TAuditEvent {
  return {
    seq: row.seq.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel, role: row.actorRole },
    action: row.action,
    entity: { type: row.entityType, id: row.entityId },
    requestId: row.requestId,
    before: row.before,
    after: row.after,
    hash: row.hash,
  };
}

/** A user acts under their own id and under each of their API tokens' ids. */
async function ownActorIds(db: DbOrTx, actor: Actor): Promise<string[]> {
  if (!actor.userId) return [];
  const tokens = await db.apiToken.findMany({
    where: { createdById: actor.userId },
    select: { id: true },
  });
  return [actor.userId, ...tokens.map((token) => token.id)];
}

/** Newest first. Viewers see only their own actions (SECURITY.md 3.3). */
export async function listAuditEvents({
  db = getDb(),
  actor,
  query,
}: {
  db?: DbOrTx;
  actor: Actor;
  query: Partial<TAuditQuery> & { limit: number };
}): Promise<Page<TAuditEvent>> {
  const ownOnly = actor.role === null || !hasRole(actor.role, "operator");
  const where: Prisma.AuditEventWhereInput = {
    actorId: ownOnly ? { in: await ownActorIds(db, actor) } : query.actorId,
    action: query.action,
    entityType: query.entityType,
    entityId: query.entityId,
    occurredAt: query.from || query.to ? { gte: query.from, lte: query.to } : undefined,
  };
  if (query.cursor) {
    where.seq = { lt: BigInt(decodeCursor(query.cursor, ZCursor).seq) };
  }
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: { seq: "desc" },
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, toDto, (row) => ({ seq: row.seq.toString() }));
}
