import { describe, expect, it } from "vitest";
import { buildKeyring, deriveAuditKey, type AuditKey } from "@/lib/audit/audit-key";
import { hashEvent, macEvent, type ChainedEvent } from "@/lib/audit/chain";
import { createChainWalker, type StoredEvent } from "@/lib/audit/chain-walker";

const oldSecret = "old-audit-key-".padEnd(40, "o");
const newSecret = "new-audit-key-".padEnd(40, "n");
const oldKey = deriveAuditKey(oldSecret);
const newKey = deriveAuditKey(newSecret);

type Spec = { key?: AuditKey; action?: string; after?: unknown };

/** A well-formed chain: each spec without a key is a legacy (plain SHA-256) event. */
function chain(specs: Spec[]): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (const [index, spec] of specs.entries()) {
    const event: ChainedEvent = {
      seq: String(index + 1),
      occurredAt: "2026-12-01T00:00:00.000Z",
      actorType: "system",
      actorId: null,
      actorLabel: "test",
      actorRole: null,
      action: spec.action ?? "issuer.create",
      entityType: "issuer",
      entityId: `i${index}`,
      requestId: `r${index}`,
      before: null,
      after: spec.after ?? { n: index },
      prevHash: events.at(-1)?.hash ?? null,
    };
    events.push(
      spec.key
        ? { event, keyId: spec.key.id, hash: macEvent({ ...event, keyId: spec.key.id }, spec.key) }
        : { event, keyId: null, hash: hashEvent(event) },
    );
  }
  return events;
}

function walk(events: StoredEvent[], keyring = buildKeyring(newSecret, [oldSecret])) {
  const walker = createChainWalker(keyring);
  for (const stored of events) {
    const broken = walker.step(stored);
    if (broken) return broken;
  }
  return walker.summary();
}

const rotation: Spec = {
  key: newKey,
  action: "audit.key.rotate",
  after: { fromKeyId: oldKey.id, toKeyId: newKey.id },
};

describe("createChainWalker", () => {
  it("accepts legacy events as a prefix, with the first keyed event marking the switch", () => {
    const events = chain([{}, {}, { key: newKey }, { key: newKey }]);

    expect(walk(events)).toEqual({
      count: 4,
      legacyCount: 2,
      head: { seq: "4", hash: events[3]?.hash },
    });
  });

  it("refuses an unkeyed event after the chain was keyed, even with a correct SHA-256", () => {
    expect(walk(chain([{ key: newKey }, {}, { key: newKey }]))).toEqual({
      brokenSeq: "2",
      reason: "written without the audit key after the chain was keyed",
    });
  });

  it("follows a rotation event from the old key to the new one", () => {
    expect(walk(chain([{ key: oldKey }, rotation, { key: newKey }]))).toMatchObject({
      count: 3,
      legacyCount: 0,
    });
  });

  it("refuses a change of key that is not a rotation event naming both keys", () => {
    expect(walk(chain([{ key: oldKey }, { key: newKey }]))).toMatchObject({
      brokenSeq: "2",
      reason: expect.stringMatching(/changes from .* without a rotation event/) as string,
    });
    const wrongRotation = { ...rotation, after: { fromKeyId: newKey.id, toKeyId: newKey.id } };
    expect(walk(chain([{ key: oldKey }, wrongRotation]))).toMatchObject({ brokenSeq: "2" });
  });

  it("names the key when an event is under a key that is not configured", () => {
    expect(walk(chain([{ key: oldKey }, rotation]), buildKeyring(newSecret))).toEqual({
      brokenSeq: "1",
      reason: `written under audit key ${oldKey.id}, which is neither FEDLENS_AUDIT_KEY nor in FEDLENS_AUDIT_PREVIOUS_KEYS`,
    });
  });

  it("reports a rewritten keyed event whose hash was recomputed without the key", () => {
    const events = chain([{ key: newKey }, { key: newKey }, { key: newKey }]);
    const target = events[1]!;
    const event = { ...target.event, action: "issuer.delete" };
    events[1] = { ...target, event, hash: hashEvent(event) };

    expect(walk(events)).toEqual({ brokenSeq: "2", reason: "content does not match its hash" });
  });

  it("reports a gap and a broken link", () => {
    const events = chain([{ key: newKey }, { key: newKey }, { key: newKey }]);
    expect(walk([events[0]!, events[2]!])).toEqual({
      brokenSeq: "2",
      reason: "event 2 is missing (next is 3)",
    });
    const relinked = { ...events[1]!, event: { ...events[1]!.event, prevHash: "0".repeat(64) } };
    expect(walk([events[0]!, relinked])).toMatchObject({
      brokenSeq: "2",
      reason: "prev_hash does not match the previous event's hash",
    });
  });
});
