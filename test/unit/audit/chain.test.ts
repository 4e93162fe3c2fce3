import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashEvent, type ChainedEvent } from "@/lib/audit/chain";

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
