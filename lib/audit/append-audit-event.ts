import "server-only";
import type { AuditKey } from "@/lib/audit/audit-key";
import { macEvent, type KeyedEvent } from "@/lib/audit/chain";
import { loadAuditKeyring } from "@/lib/audit/load-audit-keyring";
import { redactSnapshot } from "@/lib/audit/redact";
import { systemActor, type Actor } from "@/lib/auth/actor";
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

type HeadRow = { seq: bigint; hash: string; keyId: string | null };
type Head = HeadRow | null;

// Serialises writers on the chain head for the rest of the transaction; the
// unique primary key on seq is the second line of defence.
const chainLockKey = 7_355_608_424_002;

async function insert(tx: Tx, head: Head, key: AuditKey, input: AuditInput): Promise<HeadRow> {
  const seq = (head?.seq ?? 0n) + 1n;
  const occurredAt = new Date();
  const event: KeyedEvent = {
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
    keyId: key.id,
  };
  const hash = macEvent(event, key);
  await tx.auditEvent.create({
    data: {
      ...event,
      seq,
      occurredAt,
      actorType: input.actor.type,
      actorRole: input.actor.role,
      before: (event.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (event.after ?? undefined) as Prisma.InputJsonValue | undefined,
      hash,
    },
  });
  return { seq, hash, keyId: key.id };
}

/**
 * Appends one event; must run inside the transaction that makes the change.
 * When FEDLENS_AUDIT_KEY has changed since the last event, an
 * `audit.key.rotate` event under the new key comes first, linking the last
 * event under the old key to the new one.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<bigint> {
  const { current } = await loadAuditKeyring();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey}::bigint)`;
  let head: Head = await tx.auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true, keyId: true },
  });
  if (head?.keyId && head.keyId !== current.id) {
    head = await insert(tx, head, current, {
      actor: systemActor("audit key rotation"),
      requestId: input.requestId,
      action: "audit.key.rotate",
      entityType: "audit_key",
      entityId: current.id,
      after: { fromKeyId: head.keyId, toKeyId: current.id },
    });
  }
  return (await insert(tx, head, current, input)).seq;
}
