import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

// hash = SHA-256(prevHash ‖ JCS(event without hash)), RFC 8785 canonical JSON
// so that re-serialising a row read back from jsonb gives the same bytes
// (SECURITY.md 3.9).

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

export function hashEvent(event: ChainedEvent): string {
  const canonical = canonicalize(event);
  if (canonical === undefined) throw new Error("audit event is not serialisable");
  return createHash("sha256")
    .update(event.prevHash ?? "")
    .update(canonical)
    .digest("hex");
}
