import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { getTargetReach, getWorkloadReach } from "@/lib/trust-map/reach-load";
import type { TReachEntry } from "@/lib/trust-map/reach-schemas";
import {
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  uniqueSuffix,
} from "../factories/catalog";
import { launchBrowser, openPage, signIn, waitForPath } from "./support/browser";
import { addUserWithCli } from "./support/data";
import { expectPlainWords } from "./support/plain-words";

// The reverse lookup (issue 15 item 4) on the demo estate's pages: "who can
// reach this" on a target, with the trusts open beyond the catalogue, and
// "what does this reach" on a workload, including through bindings made for
// other workloads. The rows expected are read from the same graph the API
// serves, so the test follows the demo estate as it grows.

let browser: Browser;
let page: Page;

const kindWord = { effective: "Reaches", broken: "Broken", undecided: "Undecided" };

async function idOf(table: "target" | "workload", name: string): Promise<string> {
  const row =
    table === "target"
      ? await getDb().cloudTarget.findFirstOrThrow({ where: { name }, select: { id: true } })
      : await getDb().workload.findFirstOrThrow({ where: { name }, select: { id: true } });
  return row.id;
}

const reachCard = (title: string) => page.getByRole("region", { name: title, exact: true });

/** Each row as its cells' text: the other end, the binding (with its cloud), the trust, why. */
async function rowsOf(table: Locator): Promise<string[][]> {
  // The page streams its sections in: read the rows once the table is there.
  await table.locator("tbody tr").first().waitFor();
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? "")),
    );
}

function expectRows(rows: string[][], entries: TReachEntry[], end: "workload" | "target") {
  expect(rows).toHaveLength(entries.length);
  for (const entry of entries) {
    const row = rows.find(
      (cells) => cells[0] === entry[end].name && cells[1]!.startsWith(entry.binding.name),
    );
    expect(row, `${entry[end].name} through ${entry.binding.name}`).toBeDefined();
    expect(row![2]).toBe(kindWord[entry.kind]);
    expect(row![1]!.includes("made for another workload")).toBe(!entry.declared);
  }
}

beforeAll(async () => {
  await seedDemo();
  browser = await launchBrowser();
  page = await openPage(browser);
  await signIn(page, await addUserWithCli("viewer"));
});

afterAll(async () => {
  await browser?.close();
});

describe("who can reach a target", () => {
  it("lists the workloads a broad trust admits, and what it leaves open beyond the catalogue", async () => {
    const targetId = await idOf("target", "aws-legacy-ci");
    const reach = await getTargetReach({ targetId });
    expect(reach.edges.some((entry) => !entry.declared)).toBe(true);
    expect(reach.open.length).toBeGreaterThan(0);
    await page.goto(`/targets/${targetId}`);
    const card = reachCard("Who can reach this");
    const table = card.getByRole("table", { name: "Workloads that reach this target" });
    expectRows(await rowsOf(table), reach.edges, "workload");
    const beyond = card.getByRole("heading", { name: "And beyond the catalogue" });
    await beyond.waitFor();
    for (const open of reach.open) {
      await card.getByText(`admits ${open.admits}.`, { exact: false }).first().waitFor();
    }
    await expectPlainWords(page, "a target's reach");
  });

  it("names the pool a pool-wide grant opens", async () => {
    const reach = await getTargetReach({ targetId: await idOf("target", "gcp-github") });
    const pool = reach.open.find((open) => open.binding.name === "everyone-in-pool")!;
    expect(pool.admits).toMatch(/github-pool/);
    await page.goto(`/targets/${reach.target.id}`);
    const item = reachCard("Who can reach this")
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "everyone-in-pool", exact: true }) });
    expect(await item.textContent()).toContain(pool.admits);
  });

  it("shows a declared trust broken by a case slip, with the cloud's reason", async () => {
    const reach = await getTargetReach({ targetId: await idOf("target", "app-platform-deployer") });
    const broken = reach.edges.find((entry) => entry.kind === "broken")!;
    expect(broken.binding.name).toBe("web-main");
    await page.goto(`/targets/${reach.target.id}`);
    const table = reachCard("Who can reach this").getByRole("table", {
      name: "Workloads that reach this target",
    });
    const row = (await rowsOf(table)).find((cells) => cells[1]!.startsWith("web-main"))!;
    expect(row[2]).toBe("Broken");
    // The cloud's words say why, then what the binding trusts instead.
    expect(row[3]).toContain(broken.cloudError!.message);
    expect(row[3]).toMatch(/case-insensitive comparison/);
    expect(row[3]).toContain(broken.failingCheck!.message);
  });

  it("links each row to the workload and to the binding it goes through", async () => {
    const reach = await getTargetReach({ targetId: await idOf("target", "aws-web-deployer") });
    const entry = reach.edges.find((candidate) => !candidate.declared)!;
    await page.goto(`/targets/${reach.target.id}`);
    const card = reachCard("Who can reach this");
    const row = card
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: entry.workload.name, exact: true }) })
      .filter({ has: page.getByRole("link", { name: entry.binding.name, exact: true }) });
    expect(
      await row.getByRole("link", { name: entry.binding.name, exact: true }).getAttribute("href"),
    ).toBe(`/bindings/${entry.binding.id}`);
    await row.getByRole("link", { name: entry.workload.name, exact: true }).click();
    await waitForPath(page, `/workloads/${entry.workload.id}`);
    await reachCard("What this reaches").waitFor();
  });

  it("says so when no catalogued workload reaches a target", async () => {
    const target = await createTestTarget("aws-role");
    await page.goto(`/targets/${target.id}`);
    await reachCard("Who can reach this")
      .getByText("No catalogued workload reaches this target.")
      .waitFor();
  });
});

describe("what a workload reaches", () => {
  it("lists every target it reaches, through a pattern made for a sibling too", async () => {
    const workloadId = await idOf("workload", "payments-api · staging");
    const reach = await getWorkloadReach({ workloadId });
    const sibling = reach.edges.find((entry) => entry.binding.name === "PaymentsAnyRef");
    expect(sibling).toMatchObject({ kind: "effective", declared: false });
    await page.goto(`/workloads/${workloadId}`);
    const table = reachCard("What this reaches").getByRole("table", {
      name: "Targets this workload reaches",
    });
    const rows = await rowsOf(table);
    expectRows(rows, reach.edges, "target");
    const row = rows.find((cells) => cells[1]!.startsWith("PaymentsAnyRef"))!;
    expect(row[3]).toBe("A binding made for another workload accepts its token.");
    await expectPlainWords(page, "a workload's reach");
  });

  it("says so when a workload reaches nothing", async () => {
    // An issuer of its own: the demo's GitHub trusts open to any repository would reach it.
    const issuer = await createTestIssuer("github-actions", {
      issuerUrl: `https://ghes-${uniqueSuffix()}.example.test/_services/token`,
    });
    const workload = await createTestWorkload({ issuer });
    await page.goto(`/workloads/${workload.id}`);
    await reachCard("What this reaches")
      .getByText("This workload reaches no catalogued target.")
      .waitFor();
  });

  it("leads to the trust map", async () => {
    await page.goto(`/workloads/${await idOf("workload", "web · main")}`);
    await reachCard("What this reaches").getByRole("link", { name: "Open the trust map" }).click();
    await waitForPath(page, "/map");
  });
});
