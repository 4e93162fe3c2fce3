import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapPreviewLine } from "@/components/overview/map-preview-words";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { listFindings } from "@/lib/risk/list-findings";
import { severities } from "@/lib/risk/rules";
import { ZFindingListQuery } from "@/lib/schemas/risk";
import { getTrustOverview } from "@/lib/trust-map/reach-load";
import { launchBrowser, openPage, signIn, waitForPath } from "./support/browser";
import { addUserWithCli } from "./support/data";
import { expectPlainWords } from "./support/plain-words";

// The overview (issue 15 item 6) on the demo estate: catalogue counts per
// cloud, the trust map in numbers linking to the map, the risk register in
// brief, the trusts needing attention and the recent changes, each leading
// to the page that says more. Figures are read from the same summaries the
// page is built from. The empty catalogue's call to action is in the
// first-run test.

let browser: Browser;
let page: Page;

const card = (title: string) => page.getByRole("region", { name: title, exact: true });
const cloudWords = { azure: "Azure", aws: "AWS", gcp: "GCP" } as const;

async function openOverview(): Promise<void> {
  await page.goto("/");
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
}

beforeAll(async () => {
  await seedDemo();
  browser = await launchBrowser();
  page = await openPage(browser);
  // An operator: a viewer's recent changes are only their own.
  await signIn(page, await addUserWithCli("operator"));
});

afterAll(async () => {
  await browser?.close();
});

describe("the overview of the demo estate", () => {
  it("counts issuers, workloads, and targets and bindings per cloud", async () => {
    const overview = await getTrustOverview();
    await openOverview();
    const counts = card("Catalogue");
    const figure = (label: string) =>
      counts
        .locator("div")
        .filter({ has: page.getByRole("link", { name: label, exact: true }) })
        .locator("dd")
        .textContent();
    expect(await figure("Issuers")).toBe(String(overview.issuers));
    expect(await figure("Workloads")).toBe(String(overview.workloads));
    const rows = await counts
      .getByRole("table", { name: "Targets and bindings per cloud" })
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent)),
      );
    expect(rows).toEqual(
      (["azure", "aws", "gcp"] as const).map((cloud) => [
        cloudWords[cloud],
        String(overview.perCloud[cloud].targets),
        String(overview.perCloud[cloud].bindings),
      ]),
    );
    expect(overview.perCloud.azure.bindings).toBe(
      await getDb().binding.count({ where: { cloud: "azure" } }),
    );
    await expectPlainWords(page, "the overview");
  });

  it("previews the trust map in numbers, open and broken trusts among them, and links to it", async () => {
    const { edges } = await getTrustOverview();
    expect(edges.open).toBeGreaterThan(0);
    expect(edges.broken).toBeGreaterThan(0);
    expect(edges.beyondDeclared).toBeGreaterThan(0);
    await openOverview();
    const preview = card("Trust map");
    const text = await preview.textContent();
    for (const key of ["open", "beyondDeclared", "declared", "broken", "undecided"] as const) {
      expect(text).toContain(mapPreviewLine(key, edges[key]));
    }
    await preview.getByRole("link", { name: "Open the trust map →" }).click();
    await waitForPath(page, "/map");
  });

  it("sums the open findings per severity, lists the five most severe and leads to the register", async () => {
    const findings = await listFindings({
      query: ZFindingListQuery.parse({ accepted: "false", limit: 5 }),
    });
    await openOverview();
    const risks = card("Risks");
    const perSeverity = await risks
      .getByRole("list", { name: "Open findings per severity" })
      .getByRole("listitem")
      .allTextContents();
    expect(perSeverity).toEqual(
      severities.map((severity) => `${findings.counts[severity]} ${severity}`),
    );
    const top = risks.getByRole("list", { name: "The most severe findings" }).getByRole("listitem");
    expect(await top.count()).toBe(5);
    for (const [index, finding] of findings.data.entries()) {
      const item = top.nth(index);
      expect(await item.textContent()).toContain(finding.title);
      expect(await item.getByRole("link", { name: finding.entity.name }).getAttribute("href")).toBe(
        finding.entity.href,
      );
    }
    await risks.getByRole("link", { name: `${findings.counts.high} high` }).click();
    await page.waitForURL(
      (url) => url.pathname === "/risks" && url.searchParams.get("severity") === "high",
    );
    await page.getByRole("heading", { name: "Risks", level: 1 }).waitFor();
  });

  it("lists the broken and undecided trusts with the binding and the reason", async () => {
    const { attention, attentionTotal } = await getTrustOverview();
    expect(attentionTotal).toBeGreaterThan(0);
    await openOverview();
    const table = card("Broken and undecided trusts").getByRole("table", {
      name: "Broken and undecided trusts",
    });
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
      );
    expect(rows).toHaveLength(attention.length);
    for (const [index, entry] of attention.entries()) {
      expect(rows[index]![0]).toBe(entry.workload.name);
      expect(rows[index]![1]).toContain(entry.binding.name);
      expect(rows[index]![2]).toBe(entry.kind === "broken" ? "Broken" : "Undecided");
    }
  });

  it("shows the recent changes in words, each leading to what it changed", async () => {
    const latest = await getDb().auditEvent.findMany({ orderBy: { seq: "desc" }, take: 5 });
    const index = latest.findIndex((event) => event.action === "binding.create");
    expect(index).toBeGreaterThanOrEqual(0);
    await openOverview();
    const recent = card("Recent changes");
    const items = recent.getByRole("listitem");
    expect(await items.count()).toBe(5);
    const texts = await items.allTextContents();
    for (const [position, event] of latest.entries()) {
      expect(texts[position]).not.toContain(event.action);
      expect(texts[position]).toContain(`by ${event.actorLabel}`);
    }
    const link = items.nth(index).getByRole("link", { name: "Binding added" });
    expect(await link.getAttribute("href")).toBe(`/bindings/${latest[index]!.entityId}`);
    await recent.getByRole("link", { name: "Full audit trail →" }).click();
    await waitForPath(page, "/audit");
  });
});
