import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import canonicalize from "canonicalize";
import type { AuditKey } from "@/lib/audit/audit-key";

// hash = H(prevHash ‖ JCS(event without hash)), RFC 8785 canonical JSON so
// that re-serialising a row read back from jsonb gives the same bytes
// (SECURITY.md 3.9). H is HMAC-SHA-256 under the audit key (RFC 2104), with
// the key's id inside the hashed event; plain SHA-256 only for the legacy
// events written before the chain was keyed.

export type ChainedEvent = {
  seq: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string;
  before: unknown;
  after: unknown;
  prevHash: string | null;
};

export type KeyedEvent = ChainedEvent & { keyId: string };

function digest(hash: Hash | Hmac, event: ChainedEvent): string {
  const canonical = canonicalize(event);
  if (canonical === undefined) throw new Error("audit event is not serialisable");
  return hash
    .update(event.prevHash ?? "")
    .update(canonical)
    .digest("hex");
}

/** The legacy, unkeyed hash; verification only. */
export function hashEvent(event: ChainedEvent): string {
  return digest(createHash("sha256"), event);
}

export function macEvent(event: KeyedEvent, key: AuditKey): string {
  if (event.keyId !== key.id) throw new Error("audit event names another key");
  return digest(createHmac("sha256", key.chain), event);
}
