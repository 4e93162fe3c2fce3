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

type Built = { head: HeadRow; data: Prisma.AuditEventCreateManyInput };

/** The next link of the chain after `head`; inserted by the caller. */
function buildEvent(head: Head, key: AuditKey, input: AuditInput): Built {
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
  return {
    head: { seq, hash, keyId: key.id },
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
  };
}

/**
 * Appends events in the order given; must run inside the transaction that
 * makes the changes they record. When FEDLENS_AUDIT_KEY has changed since
 * the last event, an `audit.key.rotate` event under the new key comes first,
 * linking the last event under the old key to the new one. Several events
 * take the chain lock once and are inserted in one statement: a writer that
 * records many changes at once (an apply) holds the chain for one round trip
 * more than a single event, not one per event.
 */
export async function appendAuditEvents(tx: Tx, inputs: AuditInput[]): Promise<bigint[]> {
  const first = inputs[0];
  if (!first) return [];
  const { current } = await loadAuditKeyring();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey}::bigint)`;
  let head: Head = await tx.auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true, keyId: true },
  });
  const rows: Prisma.AuditEventCreateManyInput[] = [];
  const link = (input: AuditInput) => {
    const built = buildEvent(head, current, input);
    rows.push(built.data);
    head = built.head;
    return built.head.seq;
  };
  if (head?.keyId && head.keyId !== current.id) {
    link({
      actor: systemActor("audit key rotation"),
      requestId: first.requestId,
      action: "audit.key.rotate",
      entityType: "audit_key",
      entityId: current.id,
      after: { fromKeyId: head.keyId, toKeyId: current.id },
    });
  }
  const seqs = inputs.map(link);
  await tx.auditEvent.createMany({ data: rows });
  return seqs;
}

/** Appends one event; see appendAuditEvents. */
export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<bigint> {
  const [seq] = await appendAuditEvents(tx, [input]);
  return seq as bigint;
}
