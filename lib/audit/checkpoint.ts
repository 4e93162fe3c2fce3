import { createHmac, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";
import type { AuditKey, AuditKeyring } from "@/lib/audit/audit-key";
import type { ChainHead } from "@/lib/audit/chain-walker";
import type { TAuditCheckpoint } from "@/lib/schemas/audit";

// A checkpoint is the chain head signed with the audit key's checkpoint
// derivation, HMAC-SHA-256 (RFC 2104) over the RFC 8785 canonical form of
// everything but the signature. Stored outside the database it proves later
// that the trail still extends it: a superuser who truncates or rewrites the
// trail cannot produce a head that matches it (SECURITY.md 3.9).

function sign(fields: Omit<TAuditCheckpoint, "signature">, key: AuditKey): string {
  const canonical = canonicalize(fields);
  if (canonical === undefined) throw new Error("checkpoint is not serialisable");
  return createHmac("sha256", key.checkpoint).update(canonical).digest("hex");
}

export function signCheckpoint(head: ChainHead, key: AuditKey, at: Date): TAuditCheckpoint {
  const fields = {
    seq: head?.seq ?? "0",
    hash: head?.hash ?? null,
    keyId: key.id,
    at: at.toISOString(),
  };
  return { ...fields, signature: sign(fields, key) };
}

/** Null when the signature is good; otherwise why not. */
export function checkCheckpointSignature(
  checkpoint: TAuditCheckpoint,
  keyring: AuditKeyring,
): string | null {
  const key = keyring.byId.get(checkpoint.keyId);
  if (!key) {
    return `the checkpoint is signed with audit key ${checkpoint.keyId}, which is neither FEDLENS_AUDIT_KEY nor in FEDLENS_AUDIT_PREVIOUS_KEYS`;
  }
  const { signature, ...fields } = checkpoint;
  const expected = Buffer.from(sign(fields, key), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? null
    : "the checkpoint's signature is wrong (edited, or signed with another key)";
}
