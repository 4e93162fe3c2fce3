import "server-only";
import { signCheckpoint } from "@/lib/audit/checkpoint";
import { loadAuditKeyring } from "@/lib/audit/load-audit-keyring";
import { verifyAuditChain, type ChainVerdict } from "@/lib/audit/verify-audit-chain";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { TAuditCheckpoint } from "@/lib/schemas/audit";

export type CheckpointResult =
  | { verdict: Extract<ChainVerdict, { ok: true }>; checkpoint: TAuditCheckpoint }
  | { verdict: Extract<ChainVerdict, { ok: false }>; checkpoint: null };

/**
 * Verifies the whole trail and signs its head: only an intact chain gets a
 * checkpoint, so a signed checkpoint never vouches for a rewrite.
 */
export async function createAuditCheckpoint({
  db = getDb(),
  now = new Date(),
}: {
  db?: DbOrTx;
  now?: Date;
} = {}): Promise<CheckpointResult> {
  const keyring = await loadAuditKeyring();
  const verdict = await verifyAuditChain({ db, keyring });
  return verdict.ok
    ? { verdict, checkpoint: signCheckpoint(verdict.head, keyring.current, now) }
    : { verdict, checkpoint: null };
}
