import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  awsSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
} from "../factories/catalog";
import { launchBrowser, signInAsNewAdmin, waitForPath } from "./support/browser";

// Below 768 px the console's navigation folds behind a Menu button; a skip
// link takes keyboard users past it at any width.

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signInAsNewAdmin(browser));
});

afterAll(async () => {
  await browser?.close();
});

const main = () => page.getByRole("navigation", { name: "Main" });
const menuButton = () => page.getByRole("button", { name: "Menu" });

describe("the console navigation on a phone (375 px)", () => {
  beforeAll(async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/");
  });

  it("is folded behind a Menu button", async () => {
    await menuButton().waitFor();
    expect(await menuButton().getAttribute("aria-expanded")).toBe("false");
    expect(await main().isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(false);
  });

  it("opens on a tap, with every section and the sign-out button", async () => {
    await menuButton().click();
    await main().getByRole("link", { name: "Issuers" }).waitFor();
    expect(await menuButton().getAttribute("aria-expanded")).toBe("true");
    expect(await main().getByRole("link", { name: "API tokens" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
  });

  it("closes once a link is followed, showing the page it opened", async () => {
    await main().getByRole("link", { name: "Issuers" }).click();
    await waitForPath(page, "/issuers");
    await page.getByRole("heading", { name: "Issuers", level: 1 }).waitFor();
    await main().waitFor({ state: "hidden" });
    expect(await menuButton().getAttribute("aria-expanded")).toBe("false");
  });

  it("closes on a second tap of the button", async () => {
    await menuButton().click();
    await main().waitFor();
    await menuButton().click();
    await main().waitFor({ state: "hidden" });
  });

  it("closes on Escape from inside, giving the focus back to the button", async () => {
    await menuButton().click();
    await main().getByRole("link", { name: "Workloads" }).focus();
    await page.keyboard.press("Escape");
    await main().waitFor({ state: "hidden" });
    expect(await menuButton().evaluate((button) => button === document.activeElement)).toBe(true);
  });
});

describe("the console navigation on a laptop (1366 px)", () => {
  beforeAll(async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/");
  });

  it("shows the navigation and no Menu button", async () => {
    await main().getByRole("link", { name: "Issuers" }).waitFor();
    expect(await menuButton().isVisible()).toBe(false);
  });

  it("offers a skip link first, which moves the focus to the page's content", async () => {
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect.poll(() => skip.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);

    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("lays a binding's issuer → workload → binding → target strip out on one row", async () => {
    // Names as long as real ones, which wrapped the old strip at this width.
    const workload = await createTestWorkload({
      name: "Payments API · production deployer (blue/green rollout)",
    });
    const target = await createTestTarget("aws-role", {
      name: "role-payments-api-production-deployer-blue-green",
    });
    const binding = await createTestBinding({ workload, target, spec: awsSpec(workload) });
    await page.goto(`/bindings/${binding.id}`);
    const steps = page.getByRole("navigation", { name: "Trust chain" }).getByRole("listitem");
    await steps.first().waitFor();

    const tops = await steps.evaluateAll((items) =>
      items.map((item) => Math.round(item.getBoundingClientRect().top)),
    );
    expect(tops).toHaveLength(4);
    expect(new Set(tops).size).toBe(1);
  });
});

describe("the console's icon", () => {
  it("is served from public/ as the SVG and the ICO the page links to", async () => {
    const icons = await page
      .locator('link[rel="icon"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(icons.map((href) => new URL(href).pathname).sort()).toEqual([
      "/favicon.ico",
      "/icon.svg",
    ]);
    for (const href of icons) {
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/^image\//);
    }
  });
});
