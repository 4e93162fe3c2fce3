import { createHash, hkdfSync } from "node:crypto";

// The chain is keyed so that someone who can rewrite rows in the database but
// does not hold FEDLENS_AUDIT_KEY cannot recompute valid hashes
// (SECURITY.md 3.9). One secret yields separate keys per purpose through
// HKDF (RFC 5869) so a chain MAC can never pass for a checkpoint signature.

export type AuditKey = {
  /** Short fingerprint recorded on each event; never the key itself. */
  id: string;
  chain: Buffer;
  checkpoint: Buffer;
};

export type AuditKeyring = {
  current: AuditKey;
  /** The current key and every previous one, by id. */
  byId: ReadonlyMap<string, AuditKey>;
};

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "fedlens-audit", purpose, 32));
}

export function deriveAuditKey(secret: string): AuditKey {
  const id = createHash("sha256")
    .update("fedlens audit key id v1\0")
    .update(secret)
    .digest("hex")
    .slice(0, 16);
  return { id, chain: derive(secret, "chain v1"), checkpoint: derive(secret, "checkpoint v1") };
}

export function buildKeyring(current: string, previous: readonly string[] = []): AuditKeyring {
  const currentKey = deriveAuditKey(current);
  const byId = new Map<string, AuditKey>();
  for (const key of [...previous.map(deriveAuditKey), currentKey]) byId.set(key.id, key);
  return { current: currentKey, byId };
}
