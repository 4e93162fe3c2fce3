import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as audit from "@/app/api/v1/audit/route";
import * as issuers from "@/app/api/v1/issuers/route";
import * as me from "@/app/api/v1/me/route";
import { updateUser } from "@/lib/auth/users/update-user";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import {
  createTestSessionCookie,
  createTestToken,
  createTestUser,
  type TestUser,
} from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";

type Event = { seq: string; action: string; actor: { id: string | null }; entity: { id: string } };
type Page = { data: Event[]; meta: { nextCursor: string | null } };

let root: TestUser;
let viewer: TestUser;
let viewerCookie: string;
let operatorToken: string;
let operatorTokenId: string;
let viewerIssuerId: string;
const issuerIds: string[] = [];
const originalTz = process.env.TZ;

async function createIssuer(name: string, auth: { token?: string; cookie?: string }) {
  const response = await call(issuers.POST, {
    method: "POST",
    path: "/api/v1/issuers",
    ...auth,
    headers: { origin: "http://localhost:3000" },
    body: { name, issuerUrl: `https://${name}.example.com`, kind: "generic" },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  // A zone-less time read as local would then differ from UTC, so the test can fail.
  process.env.TZ = "America/New_York";
  expect(new Date("2026-01-01T10:00").toISOString()).toBe("2026-01-01T15:00:00.000Z");
  root = await createTestUser({ role: "admin" });
  const operator = await createTestUser({ role: "operator" });
  operatorToken = await createTestToken(operator);
  operatorTokenId = (
    (await (await call(me.GET, { path: "/api/v1/me", token: operatorToken })).json()) as {
      id: string;
    }
  ).id;
  for (const index of [1, 2, 3, 4, 5, 6, 7]) {
    issuerIds.push(await createIssuer(`paged-${index}`, { token: operatorToken }));
  }
  // The viewer acted once while still an operator, through a session.
  viewer = await createTestUser({ role: "operator" });
  viewerCookie = await createTestSessionCookie(viewer);
  viewerIssuerId = await createIssuer("by-the-viewer", { cookie: viewerCookie });
  await updateUser({
    actor: root.actor,
    requestId: randomUUID(),
    id: viewer.user.id,
    expectedVersion: 1,
    input: { role: "viewer" },
  });
});

afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

async function list(query: string, auth: { token?: string; cookie?: string } = {}) {
  const response = await call(audit.GET, {
    path: `/api/v1/audit?${query}`,
    ...(auth.cookie ? auth : { token: auth.token ?? operatorToken }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

async function seqsWhere(where: Prisma.AuditEventWhereInput): Promise<string[]> {
  const rows = await getDb().auditEvent.findMany({ where, orderBy: { seq: "desc" } });
  return rows.map((row) => row.seq.toString());
}

const seqs = (page: Page) => page.data.map((event) => event.seq);

/** Follows nextCursor to the end (bounded, so a cursor loop fails instead of hanging). */
async function allPages(query: string): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list(`${query}${cursor ? `&cursor=${cursor}` : ""}`);
    pages.push(page);
    cursor = page.meta.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe("audit API", () => {
  it("lists newest first and pages with a cursor without gaps or duplicates", async () => {
    const pages = await allPages(`actorId=${operatorTokenId}&limit=3`);
    expect(pages.map((page) => page.data.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.data.map((event) => event.entity.id))).toEqual(
      [...issuerIds].reverse(),
    );

    const all = (await allPages("limit=3")).flatMap(seqs);
    expect(all.length).toBeGreaterThan(7);
    expect(all).toEqual(await seqsWhere({}));
  });

  const filters: [string, () => string, () => Prisma.AuditEventWhereInput][] = [
    ["action", () => "action=issuer.create", () => ({ action: "issuer.create" })],
    ["entityType", () => "entityType=user", () => ({ entityType: "user" })],
    ["entityId", () => `entityId=${issuerIds[2]}`, () => ({ entityId: issuerIds[2] })],
    ["actorId", () => `actorId=${root.user.id}`, () => ({ actorId: root.user.id })],
    [
      "entityType and entityId together",
      () => `entityType=user&entityId=${viewer.user.id}`,
      () => ({ entityType: "user", entityId: viewer.user.id }),
    ],
  ];

  it.each(filters)("filters by %s", async (_, query, where) => {
    const expected = await seqsWhere(where());
    expect(expected.length).toBeGreaterThan(0);
    expect(seqs(await list(`${query()}&limit=100`))).toEqual(expected);
  });

  it("filters by from and to, reading a zone-less date-time as UTC", async () => {
    const id = await createIssuer("timed", { token: operatorToken });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { entityId: id } });
    const minute = new Date(Math.floor(event.occurredAt.getTime() / 60_000) * 60_000);
    const zoneless = (date: Date) => date.toISOString().slice(0, 16);
    const plus = (minutes: number) => new Date(minute.getTime() + minutes * 60_000);
    const found = async (range: string) =>
      seqs(await list(`entityId=${id}&${range}`)).includes(event.seq.toString());

    expect(await found(`from=${zoneless(minute)}&to=${zoneless(plus(1))}`)).toBe(true);
    expect(await found(`to=${zoneless(plus(-1))}`)).toBe(false);
    expect(await found(`from=${zoneless(plus(1))}`)).toBe(false);
    // Explicit offsets are honoured: 14:00+02:00 is 12:00Z.
    const east = (minutes: number) => `${zoneless(plus(minutes))}:00%2B02:00`;
    expect(await found(`from=${east(120)}&to=${plus(1).toISOString()}`)).toBe(true);
    expect(await found(`to=${east(60)}`)).toBe(false);
    expect(await found(`from=${zoneless(plus(-60))}:00-01:00`)).toBe(true);

    const from = new Date(event.occurredAt.getTime() - 1);
    const to = new Date();
    expect(seqs(await list(`from=${from.toISOString()}&to=${to.toISOString()}&limit=100`))).toEqual(
      await seqsWhere({ occurredAt: { gte: from, lte: to } }),
    );
  });

  it("shows a viewer only their own events, even when they ask for someone else's", async () => {
    const own = await seqsWhere({ actorId: viewer.user.id });
    expect(own).toHaveLength(1);
    const auth = { cookie: viewerCookie };
    expect(seqs(await list("", auth))).toEqual(own);
    expect(seqs(await list(`actorId=${root.user.id}`, auth))).toEqual(own);
    expect(seqs(await list(`actorId=${operatorTokenId}`, auth))).toEqual(own);
    // Events about the viewer, made by the admin, stay hidden too.
    expect(seqs(await list(`entityId=${viewer.user.id}`, auth))).toEqual([]);
    expect((await list(`entityId=${viewerIssuerId}`, auth)).data).toHaveLength(1);
  });

  it("shows an operator everyone's events", async () => {
    const page = await list("limit=100");
    expect(seqs(page)).toEqual(await seqsWhere({}));
    const actors = new Set(page.data.map((event) => event.actor.id));
    expect(actors).toEqual(new Set([null, root.user.id, viewer.user.id, operatorTokenId]));
  });

  it("answers with Cache-Control: no-store and X-Request-Id, on success and on error", async () => {
    const ok = await call(audit.GET, {
      path: "/api/v1/audit",
      token: operatorToken,
      headers: { "x-request-id": "req-audit-12345" },
    });
    const denied = await call(audit.GET, { path: "/api/v1/audit" });
    const invalid = await call(audit.GET, { path: "/api/v1/audit?limit=0", token: operatorToken });
    expect([ok.status, denied.status, invalid.status]).toEqual([200, 401, 422]);
    expect(ok.headers.get("x-request-id")).toBe("req-audit-12345");
    for (const response of [ok, denied, invalid]) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    }
    expect((await problemOf(denied)).requestId).toBe(denied.headers.get("x-request-id"));
  });
});
