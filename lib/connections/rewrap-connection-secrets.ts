import "server-only";
import { auditedMutation, type MutationCaller } from "@/lib/catalog/audited-mutation";
import {
  parseStoredSecret,
  sealedValue,
  withSealedValue,
} from "@/lib/connections/connection-secret";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { rewrapSecret } from "@/lib/secrets/envelope";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";

// Key rotation (SECURITY.md 3.8): every secret whose data key is wrapped by
// a previous master key gets it re-wrapped by the current one; the sealed
// value itself is kept byte for byte. Called by `secrets rewrap` and at
// start-up. The connection's version does not move: nothing an admin edits
// changed. Audited once, with the count only.

/** How many stored secrets are wrapped by another key than the current one. */
export async function countSecretsToRewrap(db: DbOrTx = getDb()): Promise<number> {
  const keyring = await loadSecretKeyring();
  return db.cloudConnection.count({
    where: { secretKeyId: { not: null }, NOT: { secretKeyId: keyring.current.id } },
  });
}

export async function rewrapConnectionSecrets(
  caller: MutationCaller,
): Promise<{ rewrapped: number; keyId: string }> {
  const keyring = await loadSecretKeyring();
  const keyId = keyring.current.id;
  if ((await countSecretsToRewrap(caller.db)) === 0) return { rewrapped: 0, keyId };
  return auditedMutation(caller, { action: "secret.rewrap", role: "admin" }, async (tx) => {
    const rows = await tx.cloudConnection.findMany({
      where: { secretKeyId: { not: null }, NOT: { secretKeyId: keyId } },
      select: { id: true, cloud: true, secret: true },
      orderBy: { id: "asc" },
    });
    for (const row of rows) {
      const stored = parseStoredSecret(row.cloud, row.secret);
      // Throws naming the missing key when it is in neither variable: nothing is written then.
      const rewrapped = rewrapSecret(keyring, sealedValue(row.cloud, stored));
      await tx.cloudConnection.update({
        where: { id: row.id },
        data: { secret: withSealedValue(row.cloud, stored, rewrapped), secretKeyId: keyId },
      });
    }
    return {
      entityId: keyId,
      after: { rewrapped: rows.length, keyId },
      result: { rewrapped: rows.length, keyId },
    };
  });
}
