import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import {
  descriptionOf,
  launchBrowser,
  newCredentials,
  openPage,
  urlOf,
  waitForPath,
} from "./support/browser";

// The first minutes of a new install: an empty database, the setup form, and
// the first sign-in. The steps build on each other, in order.

let browser: Browser;
let page: Page;
const admin = newCredentials("first-admin");

beforeAll(async () => {
  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe("first run", () => {
  it("sends a visitor from / through /sign-in to /setup while there are no users", async () => {
    const response = await page.goto("/");
    const chain: string[] = [];
    for (let request = response?.request() ?? null; request; request = request.redirectedFrom()) {
      chain.unshift(new URL(request.url()).pathname);
    }
    expect(chain).toEqual(["/", "/sign-in", "/setup"]);
    await page.getByRole("heading", { name: "Create the first admin" }).waitFor();
  });

  it("lets the browser refuse a password under 12 characters before anything is sent", async () => {
    await page.goto("/setup");
    await page.getByLabel("Name").fill(admin.name);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("short-pw");
    await page.getByRole("button", { name: "Create admin" }).click();

    const tooShort = await page.getByLabel("Password").evaluate((input) => {
      return (input as HTMLInputElement).validity.tooShort;
    });
    expect(tooShort).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/setup");
    expect(await getDb().user.count()).toBe(0);
  });

  it("shows the server's error under the password and keeps name and email when the browser does not check", async () => {
    await page.goto("/setup");
    const submit = page.getByRole("button", { name: "Create admin" });
    // A client without constraint validation posts the short password as typed.
    await submit.evaluate((button) => {
      (button as HTMLButtonElement).form!.noValidate = true;
    });
    await page.getByLabel("Name").fill(admin.name);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("short-pw");
    await submit.click();

    await page.getByText("must be at least 12 characters").waitFor();
    const password = page.getByLabel("Password");
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(password)).toMatch(/must be at least 12 characters/);
    expect(await page.getByLabel("Name").inputValue()).toBe(admin.name);
    expect(await page.getByLabel("Email").inputValue()).toBe(admin.email);
    expect(await getDb().user.count()).toBe(0);
  });

  it("creates the first admin and offers the sign-in form with the email filled in", async () => {
    await page.goto("/setup");
    await page.getByLabel("Name").fill(admin.name);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Create admin" }).click();

    await waitForPath(page, "/sign-in");
    await page.getByRole("status").filter({ hasText: "Admin account created" }).waitFor();
    expect(await page.getByLabel("Email").inputValue()).toBe(admin.email);
    const users = await getDb().user.findMany({ select: { email: true, role: true } });
    expect(users).toEqual([{ email: admin.email, role: "admin" }]);
  });

  it("closes /setup once an admin exists", async () => {
    const response = await page.goto("/setup");
    expect(new URL(response?.url() ?? "").pathname).toBe("/sign-in");
  });

  it("says the password is wrong and stays on the sign-in page", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(`${admin.password}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("alert").filter({ hasText: "Email or password is wrong" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    const me = await page.request.get(urlOf("/api/v1/me"));
    expect(me.status()).toBe(401);
  });

  it("signs in with the right password and shows the overview with the admin's email", async () => {
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    await waitForPath(page, "/");
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    await page.getByRole("complementary").getByText(admin.email, { exact: true }).waitFor();
    const me = await page.request.get(urlOf("/api/v1/me"));
    expect(await me.json()).toMatchObject({ type: "user", label: admin.email, role: "admin" });
  });
});
