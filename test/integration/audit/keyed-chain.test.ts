import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { AuditPrivilegeWarning } from "@/components/admin/audit-privilege-warning";
import { deriveAuditKey } from "@/lib/audit/audit-key";
import { hashEvent, type ChainedEvent } from "@/lib/audit/chain";
import { findAuditWarnings } from "@/lib/audit/find-audit-warnings";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { getDb } from "@/lib/db/client";
import { createTestIssuer, rewriteAction, useAuditKeys } from "@/test/integration/audit/tamper";
import { resetDatabase } from "@/test/support/test-database";

// SECURITY.md 3.9: a database superuser can lift the append-only triggers, so
// the chain is keyed with FEDLENS_AUDIT_KEY, which is not in the database.

const databaseUrl = inject("databaseUrl");
const keyA = `audit-key-a-${randomUUID()}`;
const keyB = `audit-key-b-${randomUUID()}`;

beforeEach(async () => {
  await resetDatabase(databaseUrl);
  useAuditKeys(keyA);
});

afterAll(() => useAuditKeys(undefined));

async function rows() {
  return getDb().auditEvent.findMany({
    orderBy: { seq: "asc" },
    select: { seq: true, action: true, keyId: true, prevHash: true, hash: true, after: true },
  });
}

/** Events as the previous release wrote them: plain SHA-256, no key id. */
async function writeLegacyEvents(count: number): Promise<void> {
  let prevHash: string | null = null;
  for (let seq = 1; seq <= count; seq += 1) {
    const event: ChainedEvent = {
      seq: String(seq),
      occurredAt: new Date(Date.UTC(2026, 0, seq)).toISOString(),
      actorType: "system",
      actorId: null,
      actorLabel: "before the upgrade",
      actorRole: null,
      action: "issuer.create",
      entityType: "issuer",
      entityId: randomUUID(),
      requestId: randomUUID(),
      before: null,
      after: { name: `legacy ${seq}` },
      prevHash,
    };
    prevHash = hashEvent(event);
    await getDb().auditEvent.create({
      data: {
        ...event,
        seq: BigInt(seq),
        occurredAt: new Date(event.occurredAt),
        actorType: "system",
        actorRole: null,
        before: undefined,
        after: { name: `legacy ${seq}` },
        hash: prevHash,
      },
    });
  }
}

describe("keyed audit chain", () => {
  it("records the key's id, never the key, on every new event", async () => {
    await createTestIssuer();

    const [event] = await rows();
    expect(event?.keyId).toBe(deriveAuditKey(keyA).id);
    const stored = JSON.stringify(await getDb().auditEvent.findMany(), (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    expect(stored).not.toContain(keyA);
  });

  it.each([
    ["keeps the key id", false, "content does not match its hash"],
    ["clears the key id", true, "written without the audit key after the chain was keyed"],
  ])(
    "reports the first rewritten seq when a superuser edits an event and recomputes the SHA-256 chain after it (%s)",
    async (_case, unkey, reason) => {
      for (let index = 0; index < 5; index += 1) await createTestIssuer();
      expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 5 });

      await rewriteAction(databaseUrl, { seq: 3, action: "issuer.delete", unkey });

      expect(await verifyAuditChain({ db: getDb() })).toEqual({
        ok: false,
        count: 2,
        brokenSeq: "3",
        reason,
      });
    },
  );

  it("verifies events written before the upgrade as a legacy prefix, the first keyed event marking the switch", async () => {
    await writeLegacyEvents(3);
    await createTestIssuer();
    await createTestIssuer();

    const trail = await rows();
    expect(trail.map((row) => row.keyId)).toEqual([
      null,
      null,
      null,
      ...Array(2).fill(deriveAuditKey(keyA).id),
    ]);
    expect(trail[3]?.prevHash).toBe(trail[2]?.hash);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({
      ok: true,
      count: 5,
      legacyCount: 3,
    });
  });

  it("rotates the key with an event that links the last event under the old key to the new one", async () => {
    await createTestIssuer();
    await createTestIssuer();

    useAuditKeys(keyB, [keyA]);
    await createTestIssuer();

    const [a, b] = [deriveAuditKey(keyA).id, deriveAuditKey(keyB).id];
    const trail = await rows();
    expect(trail.map((row) => [row.action, row.keyId])).toEqual([
      ["issuer.create", a],
      ["issuer.create", a],
      ["audit.key.rotate", b],
      ["issuer.create", b],
    ]);
    expect(trail[2]?.prevHash).toBe(trail[1]?.hash);
    expect(trail[2]?.after).toEqual({ fromKeyId: a, toKeyId: b });
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 4 });

    useAuditKeys(keyB);
    expect(await verifyAuditChain({ db: getDb() })).toEqual({
      ok: false,
      count: 0,
      brokenSeq: "1",
      reason: `written under audit key ${a}, which is neither FEDLENS_AUDIT_KEY nor in FEDLENS_AUDIT_PREVIOUS_KEYS`,
    });
  });

  it("warns at start and on the admin pages when the role is a superuser or the key is unknown", async () => {
    await createTestIssuer();
    useAuditKeys(keyB);

    const warnings = await findAuditWarnings();

    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^The database role "\w+" can rewrite the audit trail .*: it is a superuser\./,
    );
    expect(warnings[1]).toContain(`under audit key ${deriveAuditKey(keyA).id}`);
    const banner = await AuditPrivilegeWarning({ role: "admin" });
    expect(JSON.stringify(banner)).toContain("it is a superuser");
    expect(await AuditPrivilegeWarning({ role: "operator" })).toBeNull();
  });
});
