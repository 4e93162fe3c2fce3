import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import * as checkpointRoute from "@/app/api/v1/audit/checkpoint/route";
import { deriveAuditKey } from "@/lib/audit/audit-key";
import { checkCheckpointSignature } from "@/lib/audit/checkpoint";
import { createAuditCheckpoint } from "@/lib/audit/create-audit-checkpoint";
import { loadAuditKeyring } from "@/lib/audit/load-audit-keyring";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { findCheckpointBreak } from "@/lib/audit/verify-audit-checkpoint";
import { getDb } from "@/lib/db/client";
import type { TAuditCheckpoint } from "@/lib/schemas/audit";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  createTestIssuer,
  rewriteAction,
  tamper,
  useAuditKeys,
} from "@/test/integration/audit/tamper";
import { call, problemOf } from "@/test/support/http";
import { resetDatabase } from "@/test/support/test-database";

// SECURITY.md 3.9: only an anchor outside the database detects a superuser
// who rewrites or cuts the whole trail; the checkpoint is that anchor.

const databaseUrl = inject("databaseUrl");
const key = `checkpoint-key-${randomUUID()}`;

beforeEach(async () => {
  await resetDatabase(databaseUrl);
  useAuditKeys(key);
});

afterAll(() => useAuditKeys(undefined));

async function checkpointNow(): Promise<TAuditCheckpoint> {
  const { checkpoint } = await createAuditCheckpoint();
  if (!checkpoint) throw new Error("the trail should verify");
  return checkpoint;
}

/** Verifies the trail, then whether it still extends the checkpoint. */
async function verifySince(checkpoint: TAuditCheckpoint) {
  const verdict = await verifyAuditChain({ db: getDb() });
  if (!verdict.ok) return verdict;
  return findCheckpointBreak({ db: getDb(), checkpoint, head: verdict.head });
}

describe("audit checkpoints", () => {
  it("signs the verified head, and a later trail still extends it", async () => {
    for (let index = 0; index < 3; index += 1) await createTestIssuer();
    const checkpoint = await checkpointNow();
    const head = await getDb().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });

    expect(checkpoint).toMatchObject({ seq: "3", hash: head.hash, keyId: deriveAuditKey(key).id });
    await createTestIssuer();
    expect(await verifySince(checkpoint)).toBeNull();
  });

  it("fails when the tail is cut: truncation leaves a valid chain but not the checkpoint", async () => {
    for (let index = 0; index < 5; index += 1) await createTestIssuer();
    const checkpoint = await checkpointNow();

    await tamper(databaseUrl, "DELETE FROM audit_event WHERE seq >= 4");

    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 3 });
    expect(await verifySince(checkpoint)).toEqual({
      brokenSeq: "4",
      reason: "the trail ends at seq 3 but the checkpoint is at seq 5: events were removed",
    });
  });

  it("fails when the whole trail is rewritten as unkeyed SHA-256 events, which the chain alone accepts", async () => {
    for (let index = 0; index < 4; index += 1) await createTestIssuer();
    const checkpoint = await checkpointNow();

    await rewriteAction(databaseUrl, { seq: 1, action: "issuer.delete", unkey: true });

    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, legacyCount: 4 });
    expect(await verifySince(checkpoint)).toEqual({
      brokenSeq: "4",
      reason: "the event differs from the one the checkpoint signed: the trail was rewritten",
    });
  });

  it.each([
    ["an edited seq", (checkpoint: TAuditCheckpoint) => ({ ...checkpoint, seq: "2" })],
    [
      "a signature from another key",
      (checkpoint: TAuditCheckpoint) => ({ ...checkpoint, keyId: deriveAuditKey(`x${key}`).id }),
    ],
  ])("rejects a checkpoint with %s", async (_case, edit) => {
    for (let index = 0; index < 3; index += 1) await createTestIssuer();
    const checkpoint = edit(await checkpointNow());

    expect(await verifySince(checkpoint)).toMatchObject({
      brokenSeq: null,
      reason: expect.stringMatching(/signature is wrong|neither FEDLENS_AUDIT_KEY/) as string,
    });
  });
});

describe("GET /api/v1/audit/checkpoint", () => {
  it("gives an admin the signed head of the verified trail", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createTestIssuer();

    const response = await call(checkpointRoute.GET, {
      path: "/api/v1/audit/checkpoint",
      token: await createTestToken(admin),
    });

    expect(response.status).toBe(200);
    const body = (await response.json()) as TAuditCheckpoint;
    const head = await getDb().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(body).toMatchObject({ seq: head.seq.toString(), hash: head.hash });
    expect(checkCheckpointSignature(body, await loadAuditKeyring())).toBeNull();
  });

  it("refuses an operator with 403", async () => {
    const operator = await createTestUser({ role: "operator" });

    const response = await call(checkpointRoute.GET, {
      path: "/api/v1/audit/checkpoint",
      token: await createTestToken(operator),
    });

    expect(response.status).toBe(403);
    expect((await problemOf(response)).status).toBe(403);
  });

  it("signs nothing for a broken trail and names the seq with 409", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createTestIssuer();
    await createTestIssuer();
    await tamper(databaseUrl, "UPDATE audit_event SET action = 'issuer.delete' WHERE seq = 2");

    const response = await call(checkpointRoute.GET, {
      path: "/api/v1/audit/checkpoint",
      token: await createTestToken(admin),
    });

    expect(response.status).toBe(409);
    const problem = await problemOf(response);
    expect(problem.detail).toBe(
      "The audit trail is broken at seq 2: content does not match its hash. No checkpoint is signed for it.",
    );
    expect(problem).toMatchObject({ brokenSeq: "2" });
  });
});
