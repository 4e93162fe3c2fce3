import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { systemActor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/tokens/create-api-token";
import { createUser } from "@/lib/auth/users/create-user";
import { updateUser } from "@/lib/auth/users/update-user";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { getDb } from "@/lib/db/client";
import { createTestUser } from "@/test/factories/users";
import { resetDatabase } from "@/test/support/test-database";
import {
  asSuperuser as inSuperuser,
  createTestIssuer,
  tamper as tamperAs,
} from "@/test/integration/audit/tamper";

// SECURITY.md 3.9: the audit trail is an append-only hash chain. Each test
// starts from an empty trail so that seq numbers are predictable.

const databaseUrl = inject("databaseUrl");

beforeEach(async () => {
  await resetDatabase(databaseUrl);
});

const asSuperuser = (...statements: string[]) => inSuperuser(databaseUrl, ...statements);
const tamper = (statement: string) => tamperAs(databaseUrl, statement);

async function chainRows() {
  return getDb().auditEvent.findMany({
    orderBy: { seq: "asc" },
    select: { seq: true, prevHash: true, hash: true, action: true },
  });
}

function expectLinked(rows: Awaited<ReturnType<typeof chainRows>>): void {
  expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => BigInt(index + 1)));
  expect(rows.map((row) => row.prevHash)).toEqual([
    null,
    ...rows.slice(0, -1).map((row) => row.hash),
  ]);
}

describe("audit chain", () => {
  it("links events appended by use-cases into a gapless chain starting at seq 1", async () => {
    const operator = await createTestUser({ role: "operator" });
    const issuer = await createTestIssuer();
    await updateIssuer({
      actor: operator.actor,
      requestId: randomUUID(),
      id: issuer.id,
      expectedVersion: issuer.version,
      input: { notes: "moved to the platform team" },
    });

    const rows = await chainRows();
    expect(rows.map((row) => row.action)).toEqual([
      "user.create",
      "issuer.create",
      "issuer.update",
    ]);
    expectLinked(rows);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({
      ok: true,
      count: 3,
      legacyCount: 0,
      head: { seq: "3", hash: rows[2]?.hash },
    });
  });

  it("keeps the chain gapless and unforked under 20 concurrent writers", async () => {
    await Promise.all(Array.from({ length: 20 }, () => createTestIssuer()));

    const rows = await chainRows();
    expect(rows).toHaveLength(20);
    expectLinked(rows);
    expect(new Set(rows.map((row) => row.prevHash)).size).toBe(20);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 20 });
  });

  it.each([
    ["UPDATE", `UPDATE audit_event SET action = 'issuer.delete' WHERE seq = 1`],
    ["DELETE", `DELETE FROM audit_event WHERE seq = 1`],
    ["TRUNCATE", `TRUNCATE audit_event`],
  ])("refuses %s on audit_event even for a superuser", async (_operation, statement) => {
    await createTestIssuer();

    await expect(asSuperuser(statement)).rejects.toThrow(/append-only/);
    expect((await chainRows()).map((row) => row.action)).toEqual(["issuer.create"]);
    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 1 });
  });

  it.each([
    ["after snapshot", `UPDATE audit_event SET after = jsonb_set(after, '{notes}', '"x"')`],
    ["action", `UPDATE audit_event SET action = 'issuer.delete'`],
    ["actor label", `UPDATE audit_event SET actor_label = 'someone-else'`],
  ])("reports exactly the seq whose %s was changed", async (_what, update) => {
    for (let index = 0; index < 4; index += 1) await createTestIssuer();

    await tamper(`${update} WHERE seq = 3`);

    expect(await verifyAuditChain({ db: getDb() })).toEqual({
      ok: false,
      count: 2,
      brokenSeq: "3",
      reason: "content does not match its hash",
    });
  });

  it("reports the missing seq when a middle event is deleted", async () => {
    for (let index = 0; index < 4; index += 1) await createTestIssuer();

    await tamper(`DELETE FROM audit_event WHERE seq = 2`);

    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({
      ok: false,
      count: 1,
      brokenSeq: "2",
      reason: expect.stringMatching(/event 2 is missing/) as string,
    });
  });

  it("never records hashes, secrets or passwords in before/after snapshots", async () => {
    const password = `pw-${randomUUID()}`;
    const user = await createUser({
      actor: systemActor("test"),
      requestId: randomUUID(),
      input: {
        email: `audit-${randomUUID()}@example.test`,
        name: "Audit",
        role: "admin",
        password,
      },
    });
    const token = await createApiToken({
      actor: systemActor("test"),
      requestId: randomUUID(),
      input: { name: "audited", role: "operator" },
      ownerId: user.id,
    });
    await createTestUser({ role: "admin" });
    await updateUser({
      actor: systemActor("test"),
      requestId: randomUUID(),
      id: user.id,
      expectedVersion: user.version,
      input: { role: "operator" },
    });

    const events = await getDb().auditEvent.findMany({
      where: { entityId: { in: [user.id, token.id] } },
      orderBy: { seq: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(events.map((event) => event.action)).toEqual([
      "user.create",
      "api_token.create",
      "user.role.change",
    ]);
    const keys = events.flatMap((event) => [...keysOf(event.before), ...keysOf(event.after)]);
    expect(keys).toContain("email");
    expect(keys).toContain("prefix");
    expect(keys.filter((key) => /hash|secret|password/i.test(key))).toEqual([]);
    const text = JSON.stringify(events);
    expect(text).not.toContain(password);
    expect(text).not.toContain(token.token);
    expect(text).not.toContain("scrypt$");
  });
});

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)]);
}
