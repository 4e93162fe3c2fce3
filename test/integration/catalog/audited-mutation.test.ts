import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { auditedDelete, auditedMutation, auditedUpdate } from "@/lib/catalog/audited-mutation";
import { toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTestIssuer, uniqueSuffix } from "@/test/factories/catalog";
import { createTestUser } from "@/test/factories/users";

// The contract the next use-cases build on (CONVENTIONS 14): role first, one
// transaction, the audit event inside it, 404/409 before any other check.

let operator: Actor;
let viewer: Actor;

beforeAll(async () => {
  operator = (await createTestUser({ role: "operator" })).actor;
  viewer = (await createTestUser({ role: "viewer" })).actor;
});

const lastSeq = async () =>
  (await getDb().auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

function renameIssuer(caller: { actor: Actor; id: string; expectedVersion: number; db?: DbOrTx }) {
  const { id } = caller;
  return auditedUpdate(
    { requestId: randomUUID(), ...caller },
    {
      action: "issuer.update",
      role: "operator",
      load: (tx) => tx.issuer.findUnique({ where: { id } }),
      toDto: toIssuerDto,
    },
    (tx) =>
      tx.issuer.update({
        where: { id },
        data: { name: `renamed ${uniqueSuffix()}`, version: { increment: 1 } },
      }),
  );
}

describe("audited mutations", () => {
  it("refuses a caller below the role before opening a transaction", async () => {
    const untouchable = new Proxy({} as DbOrTx, {
      get: () => {
        throw new Error("the database was used");
      },
    });
    const attempt = auditedMutation(
      { actor: viewer, requestId: randomUUID(), db: untouchable },
      { action: "issuer.create", role: "operator" },
      async () => ({ entityId: "x", result: null }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "forbidden" });
  });

  it("appends one event naming the entity, with the before and after the change returned", async () => {
    const issuer = await createTestIssuer("generic");
    const from = await lastSeq();
    const after = await renameIssuer({ actor: operator, id: issuer.id, expectedVersion: 1 });
    const events = await getDb().auditEvent.findMany({ where: { seq: { gt: from } } });
    expect(events).toMatchObject([
      {
        action: "issuer.update",
        entityType: "issuer",
        entityId: issuer.id,
        actorId: operator.id,
        before: { name: issuer.name, version: 1 },
        after: { name: after.name, version: 2 },
      },
    ]);
  });

  it("keeps neither the change nor an event when the change fails after writing", async () => {
    const issuer = await createTestIssuer("generic");
    const from = await lastSeq();
    const attempt = auditedDelete(
      { actor: operator, requestId: randomUUID(), id: issuer.id, expectedVersion: 1 },
      {
        action: "issuer.delete",
        role: "operator",
        load: (tx) => tx.issuer.findUnique({ where: { id: issuer.id } }),
        toDto: toIssuerDto,
      },
      async (tx) => {
        await tx.issuer.delete({ where: { id: issuer.id } });
        throw new AppError("conflict", { message: "changed my mind" });
      },
    );
    await expect(attempt).rejects.toMatchObject({ code: "conflict" });
    expect(await getDb().issuer.findUnique({ where: { id: issuer.id } })).not.toBeNull();
    expect(await lastSeq()).toBe(from);
  });

  it("joins the caller's transaction, so the change and its event roll back with it", async () => {
    const issuer = await createTestIssuer("generic");
    const from = await lastSeq();
    const rollback = new Error("caller rolls back");
    const attempt = getDb().$transaction(async (tx) => {
      await renameIssuer({ actor: operator, id: issuer.id, expectedVersion: 1, db: tx });
      throw rollback;
    });
    await expect(attempt).rejects.toBe(rollback);
    expect(await getDb().issuer.findUnique({ where: { id: issuer.id } })).toMatchObject({
      name: issuer.name,
      version: 1,
    });
    expect(await lastSeq()).toBe(from);
  });

  it("answers 404 for an unknown id and 409 naming who changed a stale version", async () => {
    const missing = renameIssuer({ actor: operator, id: randomUUID(), expectedVersion: 1 });
    await expect(missing).rejects.toMatchObject({
      code: "not_found",
      message: "No issuer with this id.",
    });
    const issuer = await createTestIssuer("generic");
    await renameIssuer({ actor: operator, id: issuer.id, expectedVersion: 1 });
    const stale = renameIssuer({ actor: operator, id: issuer.id, expectedVersion: 1 });
    await expect(stale).rejects.toMatchObject({
      code: "conflict",
      details: { currentVersion: 2, changedBy: operator.label },
    });
  });
});
