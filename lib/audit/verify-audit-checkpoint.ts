import "server-only";
import { checkCheckpointSignature } from "@/lib/audit/checkpoint";
import type { ChainHead } from "@/lib/audit/chain-walker";
import { loadAuditKeyring } from "@/lib/audit/load-audit-keyring";
import type { DbOrTx } from "@/lib/db/client";
import type { TAuditCheckpoint } from "@/lib/schemas/audit";

export type CheckpointBreak = { brokenSeq: string | null; reason: string };

/**
 * Whether a verified trail (its head from verifyAuditChain) still extends a
 * checkpoint kept outside the database: the signature holds and the event at
 * the checkpoint's seq is still there with the same hash, so truncation and
 * rewrites both fail. Null when it does.
 */
export async function findCheckpointBreak({
  db,
  checkpoint,
  head,
}: {
  db: DbOrTx;
  checkpoint: TAuditCheckpoint;
  head: ChainHead;
}): Promise<CheckpointBreak | null> {
  const badSignature = checkCheckpointSignature(checkpoint, await loadAuditKeyring());
  if (badSignature) return { brokenSeq: null, reason: badSignature };
  if (checkpoint.seq === "0") return null;
  const headSeq = BigInt(head?.seq ?? "0");
  if (headSeq < BigInt(checkpoint.seq)) {
    return {
      brokenSeq: (headSeq + 1n).toString(),
      reason: `the trail ends at seq ${headSeq} but the checkpoint is at seq ${checkpoint.seq}: events were removed`,
    };
  }
  const row = await db.auditEvent.findUnique({
    where: { seq: BigInt(checkpoint.seq) },
    select: { hash: true },
  });
  return row?.hash === checkpoint.hash
    ? null
    : {
        brokenSeq: checkpoint.seq,
        reason: "the event differs from the one the checkpoint signed: the trail was rewritten",
      };
}
