import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as auditExport from "@/app/api/v1/audit/export/route";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { reportAuditChain } from "@/lib/audit/report-audit-chain";
import { auditExportPageSize, streamAuditExport } from "@/lib/audit/stream-audit-export";
import { systemActor } from "@/lib/auth/actor";
import { getDb, type Db } from "@/lib/db/client";
import type { TAuditEvent } from "@/lib/schemas/audit";
import { createTestToken, createTestUser, type TestUser } from "@/test/factories/users";
import { call } from "@/test/support/http";

// The export reads the trail one keyset page per pull (never the whole table)
// and the route streams it: more events than a page, read chunk by chunk.

const eventCount = 2 * auditExportPageSize + 234;
let admin: TestUser;
let adminToken: string;

beforeAll(async () => {
  admin = await createTestUser({ role: "admin" });
  adminToken = await createTestToken(admin);
  const actor = systemActor("bulk");
  for (let done = 0; done < eventCount; done += 200) {
    await getDb().$transaction(
      async (tx) => {
        for (let index = done; index < Math.min(done + 200, eventCount); index += 1) {
          await appendAuditEvent(tx, {
            actor,
            requestId: randomUUID(),
            action: "drift.check",
            entityType: "target",
            entityId: null,
            after: { index },
          });
        }
      },
      { timeout: 60_000 },
    );
  }
});

async function readChunks(body: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
  }
  return chunks;
}

/** The client with auditEvent.findMany counted: how many pages the export has read. */
function countingDb(): { db: Db; reads: () => number } {
  const db = getDb();
  let reads = 0;
  const auditEvent = new Proxy(db.auditEvent, {
    get(target, property, receiver) {
      if (property !== "findMany") return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<typeof target.findMany>) => {
        reads += 1;
        return target.findMany(...args);
      };
    },
  });
  const counted = new Proxy(db, {
    get: (target, property, receiver) =>
      property === "auditEvent" ? auditEvent : (Reflect.get(target, property, receiver) as unknown),
  });
  return { db: counted, reads: () => reads };
}

describe("audit export streaming", () => {
  it("streams every event of a trail longer than a page, page by page, newest first", async () => {
    const total = await getDb().auditEvent.count();
    expect(total).toBeGreaterThan(2 * auditExportPageSize);
    const started = performance.now();
    const response = await call(auditExport.GET, {
      path: "/api/v1/audit/export?format=jsonl",
      token: adminToken,
    });
    expect(response.status).toBe(200);
    const chunks = await readChunks(response.body as ReadableStream<Uint8Array>);
    const elapsed = performance.now() - started;
    expect(chunks.length).toBe(Math.ceil(total / auditExportPageSize));
    const lines = Buffer.concat(chunks).toString("utf8").split("\n").slice(0, -1);
    const seqs = lines.map((line) => Number((JSON.parse(line) as TAuditEvent).seq));
    expect(seqs).toEqual(Array.from({ length: total }, (_, index) => total - index));
    console.info(`audit export: ${total} events as JSON Lines in ${elapsed.toFixed(0)} ms`);
  });

  it("reads a page only when the reader asks for more, and stops when it cancels", async () => {
    const { db, reads } = countingDb();
    const stream = await streamAuditExport({
      actor: admin.actor,
      filters: {},
      format: "csv",
      db,
      pageSize: 100,
    });
    // The first page is read up front, so a failing query is still an error response.
    expect(reads()).toBe(1);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(reads()).toBe(1);
    const text = new TextDecoder().decode(first.value);
    expect(text.split("\r\n").slice(0, -1)).toHaveLength(1 + 100);
    await reader.read();
    expect(reads()).toBe(2);
    await reader.cancel();
    expect(reads()).toBe(2);
  });

  it("writes the CSV header once and one record per event across pages", async () => {
    const stream = await streamAuditExport({
      actor: admin.actor,
      filters: { action: "drift.check" },
      format: "csv",
      pageSize: 400,
    });
    const chunks = await readChunks(stream);
    expect(chunks).toHaveLength(Math.ceil(eventCount / 400));
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.match(/^"seq",/gm)).toHaveLength(1);
    expect(text.split("\r\n").slice(0, -1)).toHaveLength(1 + eventCount);
  });

  it("verifies the same long trail through the chain report, every event checked", async () => {
    const total = await getDb().auditEvent.count();
    const started = performance.now();
    expect(await reportAuditChain()).toMatchObject({ ok: true, checked: total });
    console.info(`audit verify: ${total} events in ${(performance.now() - started).toFixed(0)} ms`);
  });
});
