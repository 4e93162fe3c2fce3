import { randomBytes, randomUUID } from "node:crypto";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { inject } from "vitest";

// The system Chromium, never a downloaded one (no `npx playwright install`).
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export type Credentials = { email: string; password: string; name: string };

export function baseURL(): string {
  return inject("baseURL");
}

/** The same absolute URL the browser sees, for `waitForURL` and for Node fetch. */
export function urlOf(pathname: string): string {
  return new URL(pathname, baseURL()).toString();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
}

/** A page in a fresh context: its own cookies, so each person gets their own session. */
export async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL() });
  return context.newPage();
}

/** Unique credentials with a password generated at test time. */
export function newCredentials(label: string): Credentials {
  const suffix = randomUUID().slice(0, 8);
  return {
    email: `${label}-${suffix}@example.test`,
    password: randomBytes(18).toString("base64url"),
    name: `E2E ${label} ${suffix}`,
  };
}

/** Waits until the page's path is `pathname` (any query string). */
export async function waitForPath(page: Page, pathname: string | RegExp): Promise<void> {
  await page.waitForURL((url) =>
    typeof pathname === "string" ? url.pathname === pathname : pathname.test(url.pathname),
  );
}

/** What a screen reader announces with the control: the text of its aria-describedby targets. */
export async function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

/** Fills the first-run form on an empty database; the console then asks to sign in. */
export async function setUpFirstAdmin(page: Page, admin = newCredentials("admin")) {
  await page.goto("/setup");
  await page.getByLabel("Name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin" }).click();
  await waitForPath(page, "/sign-in");
  return admin;
}

/** Signs in through the real form and waits for the console. */
export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await waitForPath(page, "/");
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
}

/** First-run setup, then a signed-in page for that admin. */
export async function signInAsNewAdmin(
  browser: Browser,
): Promise<{ page: Page; admin: Credentials }> {
  const page = await openPage(browser);
  const admin = await setUpFirstAdmin(page);
  await signIn(page, admin);
  return { page, admin };
}
