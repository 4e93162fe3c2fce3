import { createHash, createHmac } from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { deriveAuditKey } from "@/lib/audit/audit-key";
import { hashEvent, macEvent, type ChainedEvent } from "@/lib/audit/chain";

const event: ChainedEvent = {
  seq: "2",
  occurredAt: "2026-03-04T05:06:07.000Z",
  actorType: "user",
  actorId: "u1",
  actorLabel: "ops@example.com",
  actorRole: "admin",
  action: "issuer.update",
  entityType: "issuer",
  entityId: "i1",
  requestId: "req-00000001",
  before: { name: "Old", version: 1 },
  after: { version: 2, name: "New" },
  prevHash: "a".repeat(64),
};

describe("hashEvent", () => {
  it("is SHA-256 of prevHash followed by the RFC 8785 canonical event", () => {
    // Written out by hand: keys sorted by code unit, no whitespace.
    const canonical =
      '{"action":"issuer.update","actorId":"u1","actorLabel":"ops@example.com","actorRole":"admin",' +
      '"actorType":"user","after":{"name":"New","version":2},"before":{"name":"Old","version":1},' +
      '"entityId":"i1","entityType":"issuer","occurredAt":"2026-03-04T05:06:07.000Z",' +
      `"prevHash":"${"a".repeat(64)}","requestId":"req-00000001","seq":"2"}`;
    const expected = createHash("sha256")
      .update("a".repeat(64) + canonical)
      .digest("hex");
    expect(hashEvent(event)).toBe(expected);
  });

  it("is stable when before/after come back from jsonb with keys reordered", () => {
    const reordered: ChainedEvent = {
      ...event,
      before: { version: 1, name: "Old" },
      after: { name: "New", version: 2 },
    };
    expect(hashEvent(reordered)).toBe(hashEvent(event));
  });

  it.each<[keyof ChainedEvent, unknown]>([
    ["seq", "3"],
    ["occurredAt", "2026-03-04T05:06:08.000Z"],
    ["actorType", "token"],
    ["actorId", null],
    ["actorLabel", "other@example.com"],
    ["actorRole", "viewer"],
    ["action", "issuer.delete"],
    ["entityType", "user"],
    ["entityId", "i2"],
    ["requestId", "req-00000002"],
    ["before", { name: "Old", version: 0 }],
    ["after", { name: "New ", version: 2 }],
    ["prevHash", "b".repeat(64)],
  ])("changes when %s changes", (field, value) => {
    expect(hashEvent({ ...event, [field]: value })).not.toBe(hashEvent(event));
  });

  it("tells the first event (no prevHash) from one chained to an empty hash", () => {
    expect(hashEvent({ ...event, prevHash: null })).not.toBe(hashEvent({ ...event, prevHash: "" }));
  });

  it("links to the previous event: the same event after a different head hashes differently", () => {
    const first = hashEvent({ ...event, seq: "1", prevHash: null });
    const second = hashEvent({ ...event, prevHash: first });
    const forked = hashEvent({
      ...event,
      prevHash: hashEvent({ ...event, seq: "1", actorId: "u9", prevHash: null }),
    });
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(forked).not.toBe(second);
  });
});

describe("macEvent", () => {
  const key = deriveAuditKey("k".repeat(48));
  const keyed = { ...event, keyId: key.id };

  it("is HMAC-SHA-256 under the chain key of prevHash followed by the canonical event with its key id", () => {
    const expected = createHmac("sha256", key.chain)
      .update("a".repeat(64) + canonicalize(keyed))
      .digest("hex");
    expect(canonicalize(keyed)).toContain(`"keyId":"${key.id}"`);
    expect(macEvent(keyed, key)).toBe(expected);
  });

  it("cannot be recomputed without the key: plain SHA-256 and another key both differ", () => {
    const other = deriveAuditKey("o".repeat(48));
    expect(macEvent(keyed, key)).not.toBe(hashEvent(keyed));
    expect(macEvent({ ...event, keyId: other.id }, other)).not.toBe(macEvent(keyed, key));
  });

  it("refuses to hash an event that names another key", () => {
    expect(() => macEvent({ ...event, keyId: "0".repeat(16) }, key)).toThrow(/another key/);
  });
});
