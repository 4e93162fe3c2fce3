import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditCsvColumns } from "@/lib/audit/audit-export-format";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { createTestUser } from "../factories/users";
import { tamper } from "../integration/audit/tamper";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { addUserWithCli } from "./support/data";
import { expectPlainWords } from "./support/plain-words";

// The audit views (issue 15 item 7) as people use them: the History section
// of each catalogue page with what every event changed, the trail's export as
// CSV and JSON Lines from the audit page, and an admin's "Verify chain",
// which reports a row edited behind Fedlens's back (the edit made in SQL
// with the append-only triggers lifted, as a database superuser could).

let browser: Browser;
let admin: Page;
let operator: Page;
let editedIssuerId: string;

/** One CSV line's fields: quoted ones unquoted, doubled quotes undone. */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((match) =>
    match[1] !== undefined ? match[1].replaceAll('""', '"') : (match[2] ?? ""),
  );
}

const historyOf = (page: Page) => page.getByRole("region", { name: "History", exact: true });
const verifyButton = (page: Page) => page.getByRole("button", { name: "Verify chain" });

beforeAll(async () => {
  await seedDemo();
  const adminUser = await addUserWithCli("admin");
  browser = await launchBrowser();
  admin = await openPage(browser);
  await signIn(admin, adminUser);
  operator = await openPage(browser);
  await signIn(operator, await addUserWithCli("operator"));
  // One edit with a known diff: the notes of a demo issuer, by a named operator.
  const editor = await createTestUser({ role: "operator" });
  const issuer = await getDb().issuer.findFirstOrThrow({ orderBy: { name: "asc" } });
  editedIssuerId = issuer.id;
  await updateIssuer({
    actor: editor.actor,
    requestId: randomUUID(),
    id: issuer.id,
    expectedVersion: issuer.version,
    input: { notes: "Rotated keys on 2026-12-01; ask the platform team before editing." },
  });
});

afterAll(async () => {
  await browser?.close();
});

async function existingIds(type: "issuer" | "workload" | "target" | "binding"): Promise<string[]> {
  const db = getDb();
  const select = { id: true } as const;
  const rows =
    type === "issuer"
      ? await db.issuer.findMany({ select })
      : type === "workload"
        ? await db.workload.findMany({ select })
        : type === "target"
          ? await db.cloudTarget.findMany({ select })
          : await db.binding.findMany({ select });
  return rows.map((row) => row.id);
}

describe("the History section of catalogue pages", () => {
  it.each([
    ["issuer", "issuers", "Issuer added"],
    ["workload", "workloads", "Workload added"],
    ["target", "targets", "Cloud target added"],
    ["binding", "bindings", "Binding added"],
  ] as const)("shows the %s's events in words, newest first", async (type, path, created) => {
    // Other browser tests share this database and delete some of what they
    // made: take an entry that is still there.
    const existing = await existingIds(type);
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: {
        action: `${type}.create`,
        entityId: { in: existing.filter((id) => id !== editedIssuerId) },
      },
      // The demo's own entries, made before any test ran.
      orderBy: { seq: "asc" },
    });
    await admin.goto(`/${path}/${event.entityId}`);
    const history = historyOf(admin);
    const list = history.getByRole("list", { name: `History of this ${type}` });
    await list.waitFor();
    const items = list.getByRole("listitem");
    const events = await getDb().auditEvent.findMany({
      where: { entityType: type, entityId: event.entityId },
      orderBy: { seq: "desc" },
    });
    expect(await items.count()).toBe(events.length);
    const oldest = items.last();
    expect(await oldest.textContent()).toContain(created);
    expect(await oldest.textContent()).toContain(event.actorLabel);
    expect(await history.textContent()).not.toContain(`${type}.create`);
    await expectPlainWords(admin, `the ${type} page`);
  });

  it("shows what an edit changed, field by field, before and after", async () => {
    await admin.goto(`/issuers/${editedIssuerId}`);
    const history = historyOf(admin);
    const newest = history.getByRole("listitem").first();
    expect(await newest.textContent()).toContain("Issuer edited");
    // The newest event is unfolded: its diff is there to read.
    const row = newest.getByRole("row").filter({ hasText: "Rotated keys on 2026-12-01" });
    await row.waitFor();
    expect(await row.locator("td, th").first().textContent()).toMatch(/notes/i);
  });

  it("opens the entity's events in the audit trail from the History section", async () => {
    await admin.goto(`/issuers/${editedIssuerId}`);
    await historyOf(admin).getByRole("link", { name: "Open in the audit trail" }).click();
    await admin.waitForURL(
      (url) =>
        url.pathname === "/audit" &&
        url.searchParams.get("entityType") === "issuer" &&
        url.searchParams.get("entityId") === editedIssuerId,
    );
    // The trail's own rows, not those of the diffs folded inside them.
    const rows = await admin
      .locator("main table")
      .first()
      .evaluate((table) => (table as HTMLTableElement).tBodies[0]?.rows.length ?? 0);
    expect(rows).toBe(
      await getDb().auditEvent.count({ where: { entityType: "issuer", entityId: editedIssuerId } }),
    );
  });
});

describe("the audit trail's export", () => {
  async function download(page: Page, name: string): Promise<{ file: string; text: string }> {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name }).click(),
    ]);
    const path = await file.path();
    return { file: file.suggestedFilename(), text: await readFile(path, "utf8") };
  }

  it("downloads the filtered trail as CSV, every event of it and only those", async () => {
    await admin.goto("/audit?entityType=binding");
    await admin.getByRole("heading", { name: "Audit trail", level: 1 }).waitFor();
    const { file, text } = await download(admin, "Export CSV");
    expect(file).toMatch(/^fedlens-audit-.*\.csv$/);
    const rows = text.trimEnd().split(/\r?\n/).map(csvFields);
    expect(rows[0]).toEqual([...auditCsvColumns]);
    const bindingEvents = await getDb().auditEvent.count({ where: { entityType: "binding" } });
    expect(bindingEvents).toBeGreaterThan(25); // more than one page of the list
    expect(rows).toHaveLength(bindingEvents + 1);
    const entityType = auditCsvColumns.indexOf("entity_type");
    expect(rows.slice(1).every((fields) => fields[entityType] === "binding")).toBe(true);
  });

  it("downloads the same events as JSON Lines", async () => {
    const { file, text } = await download(admin, "Export JSON Lines");
    expect(file).toMatch(/\.jsonl$/);
    const events = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { seq: string; entity: { type: string } });
    expect(events).toHaveLength(
      await getDb().auditEvent.count({ where: { entityType: "binding" } }),
    );
    expect(events.every((event) => event.entity.type === "binding")).toBe(true);
  });

  it("answers filters it cannot read with a plain message", async () => {
    await admin.goto("/audit?from=yesterday");
    await admin.getByText("These filters are not valid; clear them and try again.").waitFor();
    await expectPlainWords(admin, "the audit trail with a bad filter");
  });
});

describe("verifying the chain from the audit page", () => {
  it("is for admins only", async () => {
    await operator.goto("/audit");
    await operator.getByRole("heading", { name: "Audit trail", level: 1 }).waitFor();
    await operator.getByRole("link", { name: "Export CSV" }).waitFor();
    expect(await verifyButton(operator).count()).toBe(0);
  });

  it("reports an intact chain with the number of events checked", async () => {
    await admin.goto("/audit");
    await verifyButton(admin).waitFor();
    const count = await getDb().auditEvent.count();
    await verifyButton(admin).focus();
    await admin.keyboard.press("Enter");
    const report = admin.getByRole("status").filter({ hasText: "The chain holds" });
    await report.waitFor();
    expect(await report.textContent()).toBe(
      `The chain holds: ${count} events checked, up to #${count}.`,
    );
  });

  it("reports the first row edited behind its back, and how many events held before it", async () => {
    const victim = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "binding.create" },
      orderBy: { seq: "asc" },
    });
    const seq = Number(victim.seq);
    await tamper(
      inject("databaseUrl"),
      `UPDATE audit_event SET actor_label = 'someone else' WHERE seq = ${seq}`,
    );
    await admin.goto("/audit");
    await verifyButton(admin).click();
    const report = admin.getByRole("alert").filter({ hasText: "The chain is broken" });
    await report.waitFor();
    expect(await report.textContent()).toBe(
      `The chain is broken at #${seq}: content does not match its hash. ${seq - 1} events verified before it.`,
    );
    await expectPlainWords(admin, "the chain report");
  });
});
