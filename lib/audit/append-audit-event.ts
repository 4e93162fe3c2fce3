import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { hashEvent, type ChainedEvent } from "@/lib/audit/chain";
import { redactSnapshot } from "@/lib/audit/redact";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export type AuditInput = {
  actor: Actor;
  requestId: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

// Serialises writers on the chain head for the rest of the transaction; the
// unique primary key on seq is the second line of defence.
const chainLockKey = 7_355_608_424_002;

/** Appends one event; must run inside the transaction that makes the change. */
export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<bigint> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey}::bigint)`;
  const head = await tx.auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const seq = (head?.seq ?? 0n) + 1n;
  const occurredAt = new Date();
  const event: ChainedEvent = {
    seq: seq.toString(),
    occurredAt: occurredAt.toISOString(),
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    actorRole: input.actor.role,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    requestId: input.requestId,
    before: redactSnapshot(input.before),
    after: redactSnapshot(input.after),
    prevHash: head?.hash ?? null,
  };
  await tx.auditEvent.create({
    data: {
      ...event,
      seq,
      occurredAt,
      actorType: input.actor.type,
      actorRole: input.actor.role,
      before: (event.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (event.after ?? undefined) as Prisma.InputJsonValue | undefined,
      hash: hashEvent(event),
    },
  });
  return seq;
}
