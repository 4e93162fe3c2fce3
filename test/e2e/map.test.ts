import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingsWords } from "@/components/map/map-findings";
import { attentionTableHref } from "@/components/map/map-table-link";
import { seedDemo } from "@/lib/db/seed-demo";
import { loadGraphView } from "@/lib/trust-map/graph-view-load";
import type { GraphView, TGraphEdge } from "@/lib/trust-map/graph-view-types";
import { createTestUser } from "../factories/users";
import { launchBrowser, openPage, signIn, waitForPath } from "./support/browser";

// The trust map (issue 15 item 3) on the demo estate, as a viewer uses it:
// the drawing, its edge kinds, filters, the side panel, the table
// alternative and the keyboard. What the page should show is read from the
// same graph the API serves, so the test follows the demo estate as it grows.

let browser: Browser;
let page: Page;
let full: GraphView;

const kindWord = { issuer: "Issuer", workload: "Workload", target: "Target", open: "Open trust" };
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const trustEdges = (view: GraphView) => view.edges.filter((edge) => edge.kind !== "issues");
const drawing = () => page.getByRole("region", { name: "Trust map drawing" });
const table = () => page.getByRole("table", { name: "Who reaches what" });

async function openMap(query = ""): Promise<void> {
  await page.goto(`/map${query}`);
  await page.getByRole("heading", { name: "Trust map", level: 1 }).waitFor();
  await page.waitForFunction(() =>
    Boolean(document.querySelector('[aria-label="Trust map drawing"][aria-busy="false"]')),
  );
}

async function openTable(): Promise<void> {
  await page.getByText("Who reaches what, as a table").click();
  await table().waitFor();
}

async function tableRows(): Promise<string[][]> {
  return table()
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? "")),
    );
}

async function dashOf(edge: TGraphEdge): Promise<string> {
  return drawing()
    .getByRole("group", { name: `${edge.kind} trust ${edge.bindingName ?? ""}`.trim() })
    .first()
    .locator("path")
    .first()
    .evaluate((path) => getComputedStyle(path).strokeDasharray);
}

beforeAll(async () => {
  await seedDemo();
  full = await loadGraphView();
  const { user, password } = await createTestUser({ role: "viewer" });
  browser = await launchBrowser();
  page = await openPage(browser);
  await signIn(page, { email: user.email, password });
});

afterAll(async () => {
  await browser?.close();
});

describe("the trust map of the demo estate", () => {
  it("is the first entry of the navigation", async () => {
    const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    expect(await links.first().textContent()).toBe("Trust map");
    await links.first().click();
    await waitForPath(page, "/map");
  });

  it("draws every issuer, workload and target", async () => {
    await openMap();
    const nodes = full.nodes.filter((node) => node.kind !== "open");
    expect(nodes.filter((node) => node.kind === "issuer").length).toBeGreaterThanOrEqual(3);
    for (const node of nodes) {
      await expect
        .poll(() =>
          drawing().getByText(`${kindWord[node.kind]}: ${node.label}`, { exact: true }).count(),
        )
        .toBeGreaterThan(0);
    }
  });

  it("draws each kind of trust with its own line and word", async () => {
    const kinds = [...new Set(trustEdges(full).map((edge) => edge.kind))];
    expect(kinds.length).toBeGreaterThanOrEqual(2);
    const dashes = new Map<string, string>();
    for (const kind of kinds) {
      const edge = trustEdges(full).find((candidate) => candidate.kind === kind)!;
      expect(await drawing().getByText(kind, { exact: true }).count()).toBeGreaterThan(0);
      dashes.set(kind, await dashOf(edge));
    }
    expect(new Set(dashes.values()).size).toBe(kinds.length);
  });

  it("lists the same trusts in the table alternative", async () => {
    await openTable();
    const rows = await tableRows();
    const expected = trustEdges(full).map((edge) => [edge.bindingName ?? "", edge.kind]);
    expect(rows.map((row) => [row[2], row[3]]).sort()).toEqual(expected.sort());
  });

  it("narrows to one cloud with the filters", async () => {
    const cloud = trustEdges(full).find((edge) => edge.cloud)!.cloud!;
    const cloudName = { azure: "Azure", aws: "AWS", gcp: "GCP" }[cloud];
    await page.getByLabel("Cloud", { exact: true }).selectOption({ label: cloudName });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.searchParams.get("cloud") === cloud);
    await page.waitForFunction(() =>
      Boolean(document.querySelector('[aria-label="Trust map drawing"][aria-busy="false"]')),
    );
    await openTable();
    const rows = await tableRows();
    const narrowed = trustEdges(await loadGraphView({ filters: { cloud } }));
    expect(rows.length).toBe(narrowed.length);
    expect(rows.length).toBeLessThan(trustEdges(full).length);
    expect(rows.every((row) => row[4] === cloud.toUpperCase())).toBe(true);
  });

  it("opens a side panel with the clicked node's details and page", async () => {
    await openMap();
    const issuer = full.nodes.find((node) => node.kind === "issuer")!;
    await drawing().getByText(`Issuer: ${issuer.label}`, { exact: true }).click();
    const panel = page.getByRole("complementary", { name: `Issuer: ${issuer.label}` });
    await panel.waitFor();
    expect(await panel.getByText(issuer.detail, { exact: true }).count()).toBe(1);
    expect(
      await panel.getByRole("link", { name: "Open the issuer page" }).getAttribute("href"),
    ).toBe(issuer.href);
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
  });

  it("marks the nodes with open findings in words", async () => {
    await openMap();
    const flagged = full.nodes.filter((node) => node.findings);
    expect(flagged.length).toBeGreaterThan(0);
    for (const node of flagged) {
      const words = findingsWords(node.findings!);
      await expect
        .poll(() => drawing().getByText(words, { exact: true }).count())
        .toBeGreaterThan(0);
    }
  });

  it("narrows to trusts with findings at least as severe as chosen", async () => {
    const severity = full.edges.find((edge) => edge.findings)!.findings!.worst;
    await openMap();
    await page.getByLabel("Findings", { exact: true }).selectOption(severity);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.searchParams.get("severity") === severity);
    await page.waitForFunction(() =>
      Boolean(document.querySelector('[aria-label="Trust map drawing"][aria-busy="false"]')),
    );
    await openTable();
    const rows = await tableRows();
    const narrowed = trustEdges(await loadGraphView({ filters: { severity } }));
    expect(rows.length).toBe(narrowed.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(trustEdges(full).length);
    expect(rows.map((row) => row[6]).sort()).toEqual(
      narrowed.map((edge) => findingsWords(edge.findings!)).sort(),
    );
  });

  it("opens on the broken and undecided trusts, table open, from the overview's link", async () => {
    await openMap(attentionTableHref.replace("/map", "").replace(/#.*/, ""));
    await table().waitFor();
    const rows = await tableRows();
    const narrowed = trustEdges(
      await loadGraphView({ filters: { trust: ["broken", "undecided"] } }),
    );
    expect(narrowed.length).toBeGreaterThan(0);
    expect(rows.length).toBe(narrowed.length);
    expect(rows.every((row) => row[3] === "broken" || row[3] === "undecided")).toBe(true);
    expect(
      await page
        .getByLabel("Trust", { exact: true })
        .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent),
    ).toBe("Broken or undecided");
  });

  it("lists a node's findings in the side panel, linked to the risks page", async () => {
    await openMap();
    const node = full.nodes.find((candidate) => candidate.findings)!;
    const name = `${kindWord[node.kind]}: ${node.label}`;
    await drawing().getByText(name, { exact: true }).click();
    const panel = page.getByRole("complementary", {
      name: new RegExp(`: ${escapeRegExp(node.label)}$`),
    });
    await panel.waitFor();
    const findings = panel.getByRole("region", { name: "Open findings" });
    for (const item of node.findings!.items) {
      expect(
        await findings.getByRole("link", { name: item.title }).first().getAttribute("href"),
      ).toBe(item.href);
    }
    await page.keyboard.press("Escape");
  });

  it("lists a trust's findings in the side panel when its line is clicked", async () => {
    await openMap();
    const edge = trustEdges(full).find((candidate) => candidate.findings && candidate.bindingName)!;
    await drawing()
      .getByRole("group", { name: `${edge.kind} trust ${edge.bindingName}` })
      .first()
      .dispatchEvent("click");
    const panel = page.getByRole("complementary", { name: `Trust: ${edge.bindingName}` });
    await panel.waitFor();
    const links = panel.getByRole("region", { name: "Open findings" }).getByRole("link");
    expect(await links.count()).toBe(edge.findings!.count);
    expect(await links.first().getAttribute("href")).toMatch(/^\/risks\?bindingId=/);
    await page.keyboard.press("Escape");
  });

  it("focuses the search with / and clears it with Esc", async () => {
    await openMap();
    await page.locator("body").click({ position: { x: 2, y: 2 } });
    await page.keyboard.press("/");
    const search = page.getByRole("textbox", { name: "Find a node" });
    expect(await search.evaluate((element) => element === document.activeElement)).toBe(true);
    const workload = full.nodes.find((node) => node.kind === "workload")!;
    await search.fill(workload.label);
    await search.press("Enter");
    await page
      .getByText(`Showing ${workload.label} and what lies within 1 step.`, { exact: false })
      .waitFor();
    await expect
      .poll(() =>
        drawing()
          .getByText(/^(Issuer|Workload|Target|Open trust): /)
          .count(),
      )
      .toBeLessThan(full.nodes.length);
    await page.keyboard.press("Escape");
    expect(await search.inputValue()).toBe("");
    await page.getByText("Press / to search, Enter to focus, Esc to clear.").waitFor();
  });

  it("highlights the bindings a diagnosis names", async () => {
    const edge = trustEdges(full).find((candidate) => candidate.kind === "effective")!;
    await openMap(`?focus=binding:${edge.bindingId}`);
    await page
      .getByText("Showing the binding that accept the diagnosed token", { exact: false })
      .waitFor();
    await openTable();
    const rows = await tableRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row[2] === edge.bindingName)).toBe(true);
  });
});
