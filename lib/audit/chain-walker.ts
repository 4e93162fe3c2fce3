import type { AuditKeyring } from "@/lib/audit/audit-key";
import { hashEvent, macEvent, type ChainedEvent } from "@/lib/audit/chain";
import { isRecord } from "@/lib/json/is-record";

export type StoredEvent = { event: ChainedEvent; keyId: string | null; hash: string };

export type ChainBreak = { brokenSeq: string; reason: string };

export type ChainHead = { seq: string; hash: string } | null;

/**
 * Checks events one by one from seq 1. Unkeyed (plain SHA-256) events are
 * accepted only as the prefix written before the chain was keyed: after the
 * first keyed event, an unkeyed one is a rewrite. A change of key must be an
 * `audit.key.rotate` event naming both keys.
 */
export function createChainWalker(keyring: AuditKeyring) {
  let expectedSeq = 1n;
  let head: ChainHead = null;
  let lastKeyId: string | null = null;
  let count = 0;
  let legacyCount = 0;

  function check({ event, keyId, hash }: StoredEvent): string | null {
    if (event.prevHash !== (head?.hash ?? null)) {
      return "prev_hash does not match the previous event's hash";
    }
    if (keyId === null) {
      if (lastKeyId !== null) return "written without the audit key after the chain was keyed";
      return hashEvent(event) === hash ? null : "content does not match its hash";
    }
    const key = keyring.byId.get(keyId);
    if (!key) {
      return `written under audit key ${keyId}, which is neither FEDLENS_AUDIT_KEY nor in FEDLENS_AUDIT_PREVIOUS_KEYS`;
    }
    if (macEvent({ ...event, keyId }, key) !== hash) return "content does not match its hash";
    if (lastKeyId !== null && keyId !== lastKeyId && !isRotation(event, lastKeyId, keyId)) {
      return `the audit key changes from ${lastKeyId} to ${keyId} without a rotation event`;
    }
    return null;
  }

  return {
    /** Null while the chain holds; the first break otherwise. */
    step(stored: StoredEvent): ChainBreak | null {
      if (stored.event.seq !== expectedSeq.toString()) {
        return {
          brokenSeq: expectedSeq.toString(),
          reason: `event ${expectedSeq} is missing (next is ${stored.event.seq})`,
        };
      }
      const reason = check(stored);
      if (reason) return { brokenSeq: stored.event.seq, reason };
      head = { seq: stored.event.seq, hash: stored.hash };
      if (stored.keyId === null) legacyCount += 1;
      lastKeyId = stored.keyId;
      expectedSeq += 1n;
      count += 1;
      return null;
    },
    summary: () => ({ count, legacyCount, head }),
  };
}

function isRotation(event: ChainedEvent, fromKeyId: string, toKeyId: string): boolean {
  return (
    event.action === "audit.key.rotate" &&
    isRecord(event.after) &&
    event.after.fromKeyId === fromKeyId &&
    event.after.toKeyId === toKeyId
  );
}
