import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { defaultPageSize } from "@/lib/pagination";
import { listFindings } from "@/lib/risk/list-findings";
import { severities } from "@/lib/risk/rules";
import { ZFindingListQuery, type TRiskFinding } from "@/lib/schemas/risk";
import {
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
  uniqueSuffix,
} from "../factories/catalog";
import { launchBrowser, openPage, signIn, waitForPath } from "./support/browser";
import { addUserWithCli } from "./support/data";
import { expectPlainWords } from "./support/plain-words";

// The risk register (issue 15 item 5) on the demo estate, as operators and
// viewers use it: counts per severity, filters, a finding's fix opening the
// binding's edit form with the narrowed trust, accepting a finding with a
// reason and an expiry (kept apart, and in the audit trail), the findings
// column and filter on the bindings list, and paging through more findings
// than a page holds. What the page should show is read
// from the same register the API serves.

let browser: Browser;
let operator: Page;
let viewer: Page;
let operatorEmail: string;

const severityWords = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };
const cloudWords = { azure: "Azure", aws: "AWS", gcp: "GCP" } as const;

async function findings(query: Record<string, string> = {}) {
  return listFindings({ query: ZFindingListQuery.parse({ limit: 100, ...query }) });
}

async function openRisks(page: Page, query = ""): Promise<void> {
  await page.goto(`/risks${query}`);
  await page.getByRole("heading", { name: "Risks", level: 1 }).waitFor();
}

const openSection = (page: Page) => page.getByRole("region", { name: "Open findings" });
const acceptedSection = (page: Page) => page.getByRole("region", { name: "Accepted findings" });

/** The card of one finding: its title and the entity it is about. */
function cardOf(within: Locator, finding: TRiskFinding): Locator {
  return within
    .getByRole("region", { name: finding.title, exact: true })
    .filter({ has: within.page().getByRole("link", { name: finding.entity.name, exact: true }) });
}

/** The severity each open card shows, in page order. */
async function shownSeverities(page: Page): Promise<string[]> {
  return openSection(page)
    .getByRole("region")
    .evaluateAll((cards) =>
      cards.map((card) => card.querySelector("div > span")?.textContent?.trim() ?? ""),
    );
}

/** The figure under one heading of the counts strip ("High", "Accepted"). */
async function countShown(page: Page, label: string): Promise<string> {
  const count = page
    .getByLabel("Open findings per severity")
    .locator("div")
    .filter({ has: page.locator(`dt:text-is("${label}")`) })
    .locator("dd");
  return (await count.textContent())?.trim() ?? "";
}

beforeAll(async () => {
  await seedDemo();
  const [operatorUser, viewerUser] = [
    await addUserWithCli("operator"),
    await addUserWithCli("viewer"),
  ];
  operatorEmail = operatorUser.email;
  browser = await launchBrowser();
  operator = await openPage(browser);
  await signIn(operator, operatorUser);
  viewer = await openPage(browser);
  await signIn(viewer, viewerUser);
});

afterAll(async () => {
  await browser?.close();
});

describe("the risk register of the demo estate", () => {
  it("counts the open findings per severity and lists every one, most severe first", async () => {
    const expected = await findings({ accepted: "false" });
    await openRisks(operator);
    for (const severity of severities) {
      expect(await countShown(operator, severityWords[severity])).toBe(
        String(expected.counts[severity]),
      );
    }
    expect(await countShown(operator, "Accepted")).toBe("0");
    const shown = await shownSeverities(operator);
    expect(shown).toEqual(expected.data.map((finding) => severityWords[finding.severity]));
    await expectPlainWords(operator, "the risk register");
  });

  it("holds findings from all three clouds, each with the edit that narrows it or a word on why not", async () => {
    const { data } = await findings();
    expect(new Set(data.map((finding) => finding.cloud))).toEqual(new Set(["azure", "aws", "gcp"]));
    await openRisks(operator);
    for (const cloud of ["azure", "aws", "gcp"] as const) {
      const withFix = data.find((finding) => finding.cloud === cloud && finding.fix);
      expect(withFix, `a ${cloud} finding with a fix`).toBeDefined();
      const card = cardOf(openSection(operator), withFix!).first();
      expect(await card.getByText(cloudWords[cloud], { exact: true }).count()).toBe(1);
      await card.getByText(`Fix: ${withFix!.fix!.summary}`).waitFor();
    }
    const noFix = data.find((finding) => !finding.fix)!;
    await cardOf(openSection(operator), noFix)
      .first()
      .getByText("No edit follows from the catalogue alone", { exact: false })
      .waitFor();
  });

  it("narrows to one cloud and one severity with the filters, from the keyboard", async () => {
    await openRisks(operator);
    await operator.getByLabel("Cloud", { exact: true }).selectOption("gcp");
    await operator.getByLabel("Severity", { exact: true }).selectOption("high");
    await operator.getByRole("button", { name: "Filter" }).press("Enter");
    await operator.waitForURL(
      (url) =>
        url.searchParams.get("cloud") === "gcp" && url.searchParams.get("severity") === "high",
    );
    const expected = await findings({ cloud: "gcp", severity: "high", accepted: "false" });
    expect(expected.data.length).toBeGreaterThan(0);
    // The address changes as soon as the navigation starts; the filtered list
    // streams in after the loading state, so wait for it rather than count once.
    const cards = openSection(operator).getByRole("region");
    await expect.poll(() => cards.count()).toBe(expected.data.length);
    for (const finding of expected.data) {
      const card = cardOf(openSection(operator), finding).first();
      expect(await card.getByText("GCP", { exact: true }).count()).toBe(1);
      expect(await card.getByText("High", { exact: true }).count()).toBe(1);
    }
    // The filters stay in the form, so the next change starts from them.
    expect(await operator.getByLabel("Cloud", { exact: true }).inputValue()).toBe("gcp");
  });

  it("says so when nothing matches, with a way back to every finding", async () => {
    expect((await findings({ severity: "low" })).data).toHaveLength(0);
    await openRisks(operator, "?severity=low");
    await openSection(operator).getByText("No open findings").waitFor();
    await operator.getByRole("link", { name: "Clear" }).click();
    await operator.waitForURL((url) => url.pathname === "/risks" && url.search === "");
    await expect.poll(() => openSection(operator).getByRole("region").count()).toBeGreaterThan(0);
  });

  it("answers filters it cannot read with a plain message, not an error page", async () => {
    await openRisks(operator, "?severity=urgent&cloud=mars");
    await operator.getByText("These filters are not valid; clear them and try again.").waitFor();
    await expectPlainWords(operator, "the risk register with bad filters");
  });

  it("opens the binding's edit form holding the fix, and saving it ends the finding", async () => {
    const { data } = await findings({ cloud: "aws" });
    const finding = data.find((candidate) => candidate.fix && candidate.severity === "critical")!;
    expect(finding).toBeDefined();
    const before = await getDb().binding.findUniqueOrThrow({ where: { id: finding.entity.id } });
    await openRisks(operator);
    const card = cardOf(openSection(operator), finding).first();
    // The fix is folded away; Enter on its summary unfolds it.
    await card.getByText(`Fix: ${finding.fix!.summary}`).focus();
    await operator.keyboard.press("Enter");
    await card.getByRole("figure", { name: /^The object after the fix/ }).waitFor();
    const subject = /repo:[^"\s]+/.exec(finding.fix!.summary)![0].replace(/[.,]$/, "");
    expect(await card.textContent()).toContain(subject);
    const button = card.getByRole("link", { name: "Open the edit form with this fix" });
    await button.focus();
    await operator.keyboard.press("Enter");
    await waitForPath(operator, `/bindings/${finding.entity.id}/edit`);
    await operator
      .getByText(
        "The form holds the suggested fix. Review it, then save; nothing changes until you do.",
      )
      .waitFor();
    // The form's fields load after the page; the fix is in them once they have.
    await operator.getByRole("button", { name: "Save changes" }).waitFor();
    await expect.poll(() => operator.locator("main").textContent()).toContain(subject);
    // Nothing is saved by opening the form.
    const unchanged = await getDb().binding.findUniqueOrThrow({ where: { id: finding.entity.id } });
    expect(unchanged.version).toBe(before.version);
    await expectPlainWords(operator, "the edit form holding a fix");

    await operator.getByRole("button", { name: "Save changes" }).click();
    await operator.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const after = await getDb().binding.findUniqueOrThrow({ where: { id: finding.entity.id } });
    expect(after.version).toBe(before.version + 1);
    expect(JSON.stringify(after.spec)).toContain(subject);
    const remaining = await findings();
    expect(remaining.data.some((candidate) => candidate.id === finding.id)).toBe(false);
    await openRisks(operator);
    expect(await cardOf(openSection(operator), finding).count()).toBe(0);
    expect(await countShown(operator, "Critical")).toBe(String(remaining.counts.critical));
  });

  it("accepts a finding with a reason and an expiry from the keyboard, apart and audited", async () => {
    const { data, counts } = await findings({ accepted: "false" });
    const finding = data.find((candidate) => candidate.severity === "medium")!;
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const reason = "Owned by the platform team; narrowed in the next release.";
    await openRisks(operator);
    const card = cardOf(openSection(operator), finding).first();
    await card.getByText("Accept this risk", { exact: true }).focus();
    await operator.keyboard.press("Enter");
    const reasonBox = card.getByLabel("Why is this risk accepted?");
    await reasonBox.waitFor();
    await operator.keyboard.press("Tab");
    expect(await reasonBox.evaluate((element) => element === document.activeElement)).toBe(true);
    await operator.keyboard.type(reason);
    await operator.keyboard.press("Tab");
    const expiry = card.getByLabel("Accepted until");
    expect(await expiry.evaluate((element) => element === document.activeElement)).toBe(true);
    await expiry.fill(until);
    // Enter in the last field sends the form, as in any form.
    await operator.keyboard.press("Enter");

    const accepted = cardOf(acceptedSection(operator), finding);
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain(`: ${reason}`);
    expect(await accepted.textContent()).toContain(`Accepted by ${operatorEmail} until`);
    expect(await cardOf(openSection(operator), finding).count()).toBe(0);
    expect(await countShown(operator, "Medium")).toBe(String(counts.medium - 1));
    expect(await countShown(operator, "Accepted")).toBe("1");

    const row = await getDb().riskAcceptance.findUniqueOrThrow({
      where: { findingId: finding.id },
    });
    expect(row).toMatchObject({ reason, acceptedBy: operatorEmail, entityId: finding.entity.id });
    expect(row.expiresAt.toISOString()).toBe(`${until}T23:59:59.000Z`);
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "risk.accept", entityId: finding.id },
    });
    expect(event.actorLabel).toBe(operatorEmail);
    expect(event.after).toMatchObject({ rule: finding.rule, reason });
  });

  it("refuses an acceptance without a reason, saying so beside the field", async () => {
    const { data } = await findings({ accepted: "false" });
    const finding = data.find((candidate) => candidate.severity === "high")!;
    await openRisks(operator);
    const card = cardOf(openSection(operator), finding).first();
    await card.getByText("Accept this risk", { exact: true }).click();
    const reasonBox = card.getByLabel("Why is this risk accepted?");
    // Spaces only: the browser lets it through, the server does not.
    await reasonBox.fill("   ");
    await card.getByRole("button", { name: "Accept risk" }).click();
    await expect
      .poll(() => reasonBox.getAttribute("aria-invalid"), { timeout: 10_000 })
      .toBe("true");
    expect(await getDb().riskAcceptance.count({ where: { findingId: finding.id } })).toBe(0);
  });

  it("lists only accepted findings with the Accepted filter", async () => {
    await openRisks(operator, "?accepted=true");
    expect(await openSection(operator).count()).toBe(0);
    expect(await acceptedSection(operator).getByRole("region").count()).toBe(1);
  });

  it("puts a finding whose acceptance has run out back among the open ones, saying so", async () => {
    const { data } = await findings({ accepted: "false" });
    const finding = data.find((candidate) => candidate.severity === "high")!;
    await getDb().riskAcceptance.create({
      data: {
        findingId: finding.id,
        rule: finding.rule,
        entityType: finding.entity.type,
        entityId: finding.entity.id,
        reason: "Until the migration ends.",
        expiresAt: new Date(Date.now() - 86_400_000),
        acceptedBy: operatorEmail,
      },
    });
    await openRisks(operator);
    const card = cardOf(openSection(operator), finding).first();
    expect(await card.textContent()).toContain(`Was accepted by ${operatorEmail} until`);
    expect(await card.textContent()).toContain("(expired: open again): Until the migration ends.");
    await card.getByText("Accept this risk", { exact: true }).waitFor();
    expect(await cardOf(acceptedSection(operator), finding).count()).toBe(0);
    expect(await countShown(operator, "Accepted")).toBe("1");
  });

  it("shows a viewer the findings and fixes without the edit button or the accept form", async () => {
    await openRisks(viewer);
    expect(await openSection(viewer).getByRole("region").count()).toBeGreaterThan(0);
    expect(await viewer.getByText("Accept this risk").count()).toBe(0);
    expect(
      await viewer.getByRole("link", { name: "Open the edit form with this fix" }).count(),
    ).toBe(0);
  });
});

describe("findings on the bindings list", () => {
  async function rowOf(page: Page, name: string): Promise<Locator> {
    return page.getByRole("row").filter({
      has: page.getByRole("link", { name, exact: true }),
    });
  }

  /** Every row of the list, page after page: the binding's id (from its link) and its findings cell. */
  async function allRows(page: Page, path: string): Promise<[string, string][]> {
    await page.goto(path);
    await page.getByRole("heading", { name: "Bindings", level: 1 }).waitFor();
    const rows: [string, string][] = [];
    for (;;) {
      rows.push(
        ...(await page.locator("tbody tr").evaluateAll((trs) =>
          trs.map((tr) => {
            const cells = [...tr.querySelectorAll("td")];
            const href = cells[0]?.querySelector("a")?.getAttribute("href") ?? "";
            return [href.replace("/bindings/", ""), cells.at(-1)?.textContent ?? ""] as [
              string,
              string,
            ];
          }),
        )),
      );
      const next = page.getByRole("link", { name: "Next page →" });
      if ((await next.count()) === 0) return rows;
      const before = page.url();
      await next.click();
      await page.waitForURL((url) => url.toString() !== before);
    }
  }

  it("gives each binding its open findings, page after page: the worst severity and how many", async () => {
    const { data } = await findings({ accepted: "false" });
    const perBinding = new Map<string, TRiskFinding[]>();
    for (const finding of data.filter((candidate) => candidate.entity.type === "binding")) {
      perBinding.set(finding.entity.id, [...(perBinding.get(finding.entity.id) ?? []), finding]);
    }
    const rows = await allRows(operator, "/bindings");
    expect(rows).toHaveLength(await getDb().binding.count());
    for (const [id, cell] of rows) {
      const list = perBinding.get(id);
      const expected = list
        ? `${severityWords[list[0]!.severity]}${list.length} ${list.length === 1 ? "finding" : "findings"}`
        : "none";
      expect(`${id}: ${cell}`).toBe(`${id}: ${expected}`);
    }
  });

  it("keeps only the bindings with a finding that severe with the Findings filter", async () => {
    const { data } = await findings({ accepted: "false" });
    const highOrWorse = new Set(
      data
        .filter(
          (finding) =>
            finding.entity.type === "binding" &&
            finding.severity !== "medium" &&
            finding.severity !== "low",
        )
        .map((finding) => finding.entity.id),
    );
    await operator.goto("/bindings");
    await operator.getByLabel("Findings", { exact: true }).selectOption("high");
    await operator.getByRole("button", { name: "Filter" }).click();
    await operator.waitForURL((url) => url.searchParams.get("risk") === "high");
    const filtered = new URL(operator.url());
    const rows = await allRows(operator, filtered.pathname + filtered.search);
    expect(new Set(rows.map(([id]) => id))).toEqual(highOrWorse);
  });

  it("links a binding's findings to the register, narrowed to that binding and saying so", async () => {
    const { data } = await findings({ accepted: "false" });
    const finding = data.find((candidate) => candidate.entity.type === "binding")!;
    const own = data.filter((candidate) => candidate.entity.id === finding.entity.id);
    await operator.goto(`/bindings?q=${encodeURIComponent(finding.entity.name)}`);
    const row = await rowOf(operator, finding.entity.name);
    await row.getByRole("link", { name: /finding/ }).click();
    await operator.waitForURL((url) => url.searchParams.get("bindingId") === finding.entity.id);
    await operator
      .getByText(`Findings of the binding ${finding.entity.name} only.`, { exact: false })
      .waitFor();
    expect(await openSection(operator).getByRole("region").count()).toBe(own.length);
    await operator.getByRole("link", { name: "Show every binding's findings" }).click();
    await operator.waitForURL((url) => !url.searchParams.has("bindingId"));
  });
});

describe("paging through the open findings", () => {
  const openTotal = async () =>
    Object.values((await findings({ accepted: "false" })).counts).reduce((a, b) => a + b, 0);

  /** The ids of the open cards, in page order (each card is labelled by its title's id). */
  const shownIds = (page: Page) =>
    openSection(page)
      .getByRole("region")
      .evaluateAll((cards) =>
        cards.map((card) => card.getAttribute("aria-labelledby")?.replace(/^finding-/, "") ?? ""),
      );

  const shownCounts = async (page: Page) => {
    const shown: Record<string, string> = {};
    for (const label of [...Object.values(severityWords), "Accepted"]) {
      shown[label] = await countShown(page, label);
    }
    return shown;
  };

  beforeAll(async () => {
    // More open findings than a page holds: each of these Entra credentials
    // trusts a branch, which the register reports once per credential.
    while ((await openTotal()) <= defaultPageSize + 3) {
      const workload = await createTestWorkload({
        subjectSpec: {
          kind: "github",
          owner: "contoso",
          repo: `app-${uniqueSuffix()}`,
          trigger: "branch",
          name: "main",
        },
      });
      const target = await createTestTarget("azure-uami");
      await createTestBinding({ workload, target, spec: azureSpec(workload) });
    }
  });

  it("shows other findings on the next page, under the same counts, and leads back to the first", async () => {
    const expected = await findings({ accepted: "false" });
    const total = await openTotal();
    const ids = expected.data.map((finding) => finding.id);
    const counts = {
      ...Object.fromEntries(
        severities.map((severity) => [severityWords[severity], String(expected.counts[severity])]),
      ),
      Accepted: String(expected.accepted),
    };
    await openRisks(operator);
    const pager = openSection(operator).getByRole("navigation", { name: "Pagination" });
    await expect.poll(() => shownIds(operator)).toEqual(ids.slice(0, defaultPageSize));
    expect(await shownCounts(operator)).toEqual(counts);
    expect(await pager.getByRole("link", { name: "← First page" }).count()).toBe(0);

    await pager.getByRole("link", { name: "Next page →" }).click();
    await operator.waitForURL((url) => url.searchParams.has("cursor"));
    const second = ids.slice(defaultPageSize, 2 * defaultPageSize);
    expect(second).toHaveLength(Math.min(defaultPageSize, total - defaultPageSize));
    await expect.poll(() => shownIds(operator)).toEqual(second);
    // Counts cover every page; the pager offers a way back and, past the last page, no next.
    expect(await shownCounts(operator)).toEqual(counts);
    await pager.getByRole("link", { name: "← First page" }).waitFor();
    expect(await pager.getByRole("link", { name: "Next page →" }).count()).toBe(
      total > 2 * defaultPageSize ? 1 : 0,
    );

    await pager.getByRole("link", { name: "← First page" }).click();
    await operator.waitForURL((url) => !url.searchParams.has("cursor"));
    await expect.poll(() => shownIds(operator)).toEqual(ids.slice(0, defaultPageSize));
  });
});
