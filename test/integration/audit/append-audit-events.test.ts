import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { appendAuditEvents, type AuditInput } from "@/lib/audit/append-audit-event";
import { deriveAuditKey } from "@/lib/audit/audit-key";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { systemActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { createTestIssuer, useAuditKeys } from "@/test/integration/audit/tamper";
import { resetDatabase } from "@/test/support/test-database";

// Several events appended in one call (an apply records its parents'
// outcomes in batches): the same chain as one append per event.

const databaseUrl = inject("databaseUrl");
const keyA = `audit-key-a-${randomUUID()}`;
const keyB = `audit-key-b-${randomUUID()}`;

beforeEach(async () => {
  await resetDatabase(databaseUrl);
  useAuditKeys(keyA);
});

afterAll(() => useAuditKeys(undefined));

const event = (n: number): AuditInput => ({
  actor: systemActor("batch test"),
  requestId: `batch-${n}`,
  action: "sync.apply",
  entityType: "binding",
  entityId: randomUUID(),
  before: null,
  after: { n },
});

const append = (inputs: AuditInput[]) =>
  inTransaction(undefined, (tx) => appendAuditEvents(tx, inputs));

async function trail() {
  return getDb().auditEvent.findMany({
    orderBy: { seq: "asc" },
    select: { seq: true, action: true, keyId: true, prevHash: true, hash: true, after: true },
  });
}

describe("appending several audit events at once", () => {
  it("links them after the head in the order given, each verifiable", async () => {
    await createTestIssuer();

    const seqs = await append([event(1), event(2), event(3)]);

    expect(seqs).toEqual([2n, 3n, 4n]);
    const rows = await trail();
    expect(rows.map((row) => row.after)).toEqual([expect.anything(), { n: 1 }, { n: 2 }, { n: 3 }]);
    expect(rows.slice(1).map((row) => row.prevHash)).toEqual(rows.slice(0, -1).map((r) => r.hash));
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 4 });
  });

  it("writes nothing for an empty list", async () => {
    await createTestIssuer();

    expect(await append([])).toEqual([]);
    expect(await trail()).toHaveLength(1);
  });

  it("puts the key rotation first when the key changed, then the batch under the new key", async () => {
    await createTestIssuer();
    useAuditKeys(keyB, [keyA]);

    await append([event(1), event(2)]);

    const [a, b] = [deriveAuditKey(keyA).id, deriveAuditKey(keyB).id];
    expect((await trail()).map((row) => [row.action, row.keyId])).toEqual([
      ["issuer.create", a],
      ["audit.key.rotate", b],
      ["sync.apply", b],
      ["sync.apply", b],
    ]);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 4 });
  });

  it("keeps the chain gapless when batches and single events are appended concurrently", async () => {
    await Promise.all([
      append([event(1), event(2), event(3)]),
      createTestIssuer(),
      append([event(4), event(5)]),
      createTestIssuer(),
    ]);

    const rows = await trail();
    expect(rows.map((row) => row.seq)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 7 });
  });
});
