import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import {
  launchBrowser,
  newCredentials,
  openPage,
  setUpFirstAdmin,
  signIn,
  type Credentials,
} from "./support/browser";

// Signing in as a person does it: the first-run note, coming back to the page
// that sent them to sign in, the throttle's message, and a form post far over
// the size cap. The steps run in order on one console.

let browser: Browser;
let page: Page;
let admin: Credentials;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await openPage(browser);
  admin = await setUpFirstAdmin(page, newCredentials("sign-in-admin"));
});

afterAll(async () => {
  await browser?.close();
});

async function submitSignIn(target: Page, email: string, password: string): Promise<void> {
  await target.getByLabel("Email").fill(email);
  await target.getByLabel("Password").fill(password);
  await target.getByRole("button", { name: "Sign in" }).click();
}

describe("sign-in", () => {
  it("drops the 'Admin account created' note after a failed attempt", async () => {
    const note = page.getByRole("status").filter({ hasText: "Admin account created" });
    await note.waitFor();
    await submitSignIn(page, admin.email, `${admin.password}-wrong`);
    await page.getByRole("alert").filter({ hasText: "Email or password is wrong" }).waitFor();
    expect(await note.count()).toBe(0);
  });

  it("says when to try again once an email must wait at this address", async () => {
    const stranger = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    await page.goto("/sign-in");
    await submitSignIn(page, stranger, "not-the-password-123");
    await page.getByRole("alert").filter({ hasText: "Email or password is wrong" }).waitFor();
    // The console saw this browser's address; give that pair a long run of failures.
    const run = await getDb().signInThrottle.findFirstOrThrow({ where: { email: stranger } });
    await getDb().signInThrottle.update({
      where: { email_address: { email: stranger, address: run.address } },
      data: { failures: 20, lastFailureAt: new Date() },
    });

    await submitSignIn(page, stranger, "not-the-password-123");
    await page
      .getByRole("alert")
      .filter({ hasText: "Too many sign-in attempts. Try again in 15 minutes." })
      .waitFor();
    const failed = await getDb().auditEvent.count({ where: { action: "auth.sign_in_failed" } });
    expect(failed).toBe(2);
  });

  it("returns to the page that was asked for, with its query", async () => {
    const visitor = await openPage(browser);
    await visitor.goto("/bindings?cloud=aws");
    const signInUrl = new URL(visitor.url());
    expect(signInUrl.pathname).toBe("/sign-in");
    expect(signInUrl.searchParams.get("callbackUrl")).toBe("/bindings?cloud=aws");

    await submitSignIn(visitor, admin.email, admin.password);
    await visitor.waitForURL(
      (url) => url.pathname === "/bindings" && url.searchParams.get("cloud") === "aws",
    );
    await visitor.getByRole("heading", { name: "Bindings", level: 1 }).waitFor();
    await visitor.context().close();
  });

  it("goes to the overview instead of another site named as the return address", async () => {
    const visitor = await openPage(browser);
    await visitor.goto(`/sign-in?callbackUrl=${encodeURIComponent("//evil.example/")}`);
    await submitSignIn(visitor, admin.email, admin.password);
    await visitor.waitForURL(
      (url) => url.host === new URL(page.url()).host && url.pathname === "/",
    );
    await visitor.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    await visitor.context().close();
  });

  it("gives the new-issuer form back with a message when 2 MB of notes is posted", async () => {
    await signIn(page, admin);
    await page.goto("/issuers/new");
    const name = `oversized-${randomUUID().slice(0, 8)}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Issuer URL").fill(`https://${name}.example.com`);
    // What a client without the textarea's maxlength would send.
    await page.getByLabel("Notes").evaluate((element) => {
      const notes = element as HTMLTextAreaElement;
      notes.removeAttribute("maxlength");
      notes.value = "x".repeat(2 * 1024 * 1024);
    });
    await page.getByRole("button", { name: "Add issuer" }).click();

    await page
      .getByRole("alert")
      .filter({ hasText: "The form is too large to save: 2.0 MiB" })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe("/issuers/new");
    expect(await page.getByLabel("Notes").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Name").inputValue()).toBe(name);
    expect(await getDb().issuer.count({ where: { name } })).toBe(0);
  });

  it("answers a post over Next's own 8 MiB limit with a page saying so, not an error", async () => {
    // Refused by the server in front of Next before anyone's session is read.
    const response = await page.request.post("/issuers/new", {
      headers: { "content-type": "text/plain" },
      data: "x".repeat(9 * 1024 * 1024),
    });
    expect(response.status()).toBe(413);
    expect(await response.text()).toContain("It was 9.0 MiB, where at most 8.0 MiB is accepted");
  });
});
