import "server-only";
import type { AuditKeyring } from "@/lib/audit/audit-key";
import { createChainWalker, type ChainHead, type StoredEvent } from "@/lib/audit/chain-walker";
import { loadAuditKeyring } from "@/lib/audit/load-audit-keyring";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export type ChainVerdict =
  | { ok: true; count: number; legacyCount: number; head: ChainHead }
  | { ok: false; count: number; brokenSeq: string; reason: string };

const batchSize = 2_000;

function toStored(row: Prisma.AuditEventGetPayload<object>): StoredEvent {
  return {
    event: {
      seq: row.seq.toString(),
      occurredAt: row.occurredAt.toISOString(),
      actorType: row.actorType,
      actorId: row.actorId,
      actorLabel: row.actorLabel,
      actorRole: row.actorRole,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      requestId: row.requestId,
      before: row.before,
      after: row.after,
      prevHash: row.prevHash,
    },
    keyId: row.keyId,
    hash: row.hash,
  };
}

/**
 * Recomputes the chain from the first event: reports the first seq whose hash,
 * key, link to its predecessor or position (a gap or a missing start) is wrong.
 */
export async function verifyAuditChain({
  db,
  keyring,
}: {
  db: DbOrTx;
  keyring?: AuditKeyring;
}): Promise<ChainVerdict> {
  const walker = createChainWalker(keyring ?? (await loadAuditKeyring()));
  let after = 0n;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const row of rows) {
      const broken = walker.step(toStored(row));
      if (broken) return { ok: false, count: walker.summary().count, ...broken };
      after = row.seq;
    }
    if (rows.length < batchSize) return { ok: true, ...walker.summary() };
  }
}
