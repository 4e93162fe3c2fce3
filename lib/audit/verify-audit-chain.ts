import "server-only";
import { hashEvent } from "@/lib/audit/chain";
import type { DbOrTx } from "@/lib/db/client";

export type ChainVerdict =
  { ok: true; count: number } | { ok: false; count: number; brokenSeq: string; reason: string };

const batchSize = 2_000;

/**
 * Recomputes the chain from the first event: reports the first seq whose hash,
 * link to its predecessor or position (a gap or a missing start) is wrong.
 */
export async function verifyAuditChain({ db }: { db: DbOrTx }): Promise<ChainVerdict> {
  let expectedSeq = 1n;
  let prevHash: string | null = null;
  let count = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const row of rows) {
      const seq = row.seq.toString();
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          count,
          brokenSeq: expectedSeq.toString(),
          reason: `event ${expectedSeq} is missing (next is ${seq})`,
        };
      }
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          count,
          brokenSeq: seq,
          reason: "prev_hash does not match the previous event's hash",
        };
      }
      const recomputed = hashEvent({
        seq,
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
      });
      if (recomputed !== row.hash) {
        return { ok: false, count, brokenSeq: seq, reason: "content does not match its hash" };
      }
      prevHash = row.hash;
      expectedSeq += 1n;
      count += 1;
    }
    if (rows.length < batchSize) return { ok: true, count };
  }
}
