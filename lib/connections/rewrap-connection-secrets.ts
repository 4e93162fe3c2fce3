import "server-only";
import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import {
  parseStoredSecret,
  sealedValue,
  withSealedValue,
} from "@/lib/connections/connection-secret";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { rewrapSecret } from "@/lib/secrets/envelope";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import { SecretError } from "@/lib/secrets/secret-error";

// Key rotation (SECURITY.md 3.8): every secret whose data key is wrapped by
// a previous master key gets it re-wrapped by the current one; the sealed
// value itself is kept byte for byte. Called by `secrets rewrap` and at
// start-up. The connection's version does not move: nothing an admin edits
// changed. Audited once, with the counts only.

export type RewrapOutcome = {
  rewrapped: number;
  /** The current master key's id, which the re-wrapped secrets now name. */
  keyId: string;
  /** Secrets that did not open (their key is in neither variable), left as they were. */
  failed: { connection: string; reason: string }[];
};

const staleWhere = (keyId: string) => ({
  secretKeyId: { not: null },
  NOT: { secretKeyId: keyId },
});

/** How many stored secrets are wrapped by another key than the current one. */
export async function countSecretsToRewrap(db: DbOrTx = getDb()): Promise<number> {
  const keyring = await loadSecretKeyring();
  return db.cloudConnection.count({ where: staleWhere(keyring.current.id) });
}

export async function rewrapConnectionSecrets(caller: MutationCaller): Promise<RewrapOutcome> {
  const keyring = await loadSecretKeyring();
  const keyId = keyring.current.id;
  const rows = await (caller.db ?? getDb()).cloudConnection.findMany({
    where: staleWhere(keyId),
    select: { id: true, name: true, cloud: true, secret: true, secretKeyId: true },
    orderBy: { name: "asc" },
  });
  // Re-wrapped in memory first: a secret whose key is in neither variable is
  // reported and left alone, and when nothing changes nothing is audited.
  const failed: RewrapOutcome["failed"] = [];
  const updates = rows.flatMap((row) => {
    const stored = parseStoredSecret(row.cloud, row.secret);
    try {
      const record = rewrapSecret(keyring, sealedValue(row.cloud, stored));
      return [{ row, secret: withSealedValue(row.cloud, stored, record) }];
    } catch (error) {
      if (!(error instanceof SecretError)) throw error;
      failed.push({ connection: row.name, reason: error.message });
      return [];
    }
  });
  if (updates.length === 0) return { rewrapped: 0, keyId, failed };
  return auditedMutation(caller, { action: "secret.rewrap", role: "admin" }, async (tx) => {
    let rewrapped = 0;
    for (const { row, secret } of updates) {
      // Only if no one re-wrapped or replaced it meanwhile.
      const { count } = await tx.cloudConnection.updateMany({
        where: { id: row.id, secretKeyId: row.secretKeyId },
        data: { secret, secretKeyId: keyId },
      });
      rewrapped += count;
    }
    const counts = { rewrapped, failed: failed.length, keyId };
    return { entityId: keyId, after: counts, result: { rewrapped, keyId, failed } };
  });
}

/** At start-up (serve): re-wraps what a rotation left behind, as the system. */
export function rewrapSecretsAtStart(): Promise<RewrapOutcome> {
  return rewrapConnectionSecrets({ actor: systemActor("start-up"), requestId: randomUUID() });
}
