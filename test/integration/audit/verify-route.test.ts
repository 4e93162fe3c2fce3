import { beforeEach, describe, expect, inject, it } from "vitest";
import * as verify from "@/app/api/v1/audit/verify/route";
import type { TAuditChainReport } from "@/lib/audit/chain-report";
import { getDb } from "@/lib/db/client";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";
import { resetDatabase } from "@/test/support/test-database";
import { createTestIssuer, tamper } from "@/test/integration/audit/tamper";

// GET /api/v1/audit/verify: the existing verifier's verdict over the whole
// trail, for admins. Each test starts from an empty trail so seqs are known.

const databaseUrl = inject("databaseUrl");
let adminToken: string;

beforeEach(async () => {
  await resetDatabase(databaseUrl);
  adminToken = await createTestToken(await createTestUser({ role: "admin" }));
  for (let index = 0; index < 4; index += 1) await createTestIssuer();
});

async function report(token = adminToken): Promise<TAuditChainReport> {
  const response = await call(verify.GET, { path: "/api/v1/audit/verify", token });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await response.json()) as TAuditChainReport;
}

describe("GET /api/v1/audit/verify", () => {
  it("reports a clean chain: every event checked and the head it ends at", async () => {
    const events = await getDb().auditEvent.findMany({ orderBy: { seq: "asc" } });
    // user.create, api_token.create and four issuer.create
    expect(events).toHaveLength(6);
    const last = events.at(-1);
    expect(await report()).toEqual({
      ok: true,
      checked: 6,
      brokenSeq: null,
      reason: null,
      head: { seq: "6", hash: last?.hash },
      verifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it("reports the seq of a row edited in place, with the events verified before it", async () => {
    await tamper(databaseUrl, `UPDATE audit_event SET action = 'issuer.delete' WHERE seq = 4`);
    expect(await report()).toMatchObject({
      ok: false,
      checked: 3,
      brokenSeq: "4",
      reason: "content does not match its hash",
      head: null,
    });
  });

  it("reports a deleted row as the first seq missing", async () => {
    await tamper(databaseUrl, `DELETE FROM audit_event WHERE seq = 5`);
    expect(await report()).toMatchObject({ ok: false, checked: 4, brokenSeq: "5" });
  });

  it.each(["viewer", "operator"] as const)("refuses the %s role with 403", async (role) => {
    const token = await createTestToken(await createTestUser({ role }));
    const response = await call(verify.GET, { path: "/api/v1/audit/verify", token });
    expect(response.status).toBe(403);
    expect((await problemOf(response)).detail).toBe("This needs the admin role.");
  });

  it("needs a session or an API token", async () => {
    const response = await call(verify.GET, { path: "/api/v1/audit/verify" });
    expect(response.status).toBe(401);
  });
});
