import { createHash } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { launchBrowser, signInAsNewAdmin, urlOf } from "./support/browser";

// An admin mints a token for a CI job, sees it exactly once, and revokes it;
// the token is tried from Node as the CI job would. The steps run in order.

const tokenName = `ci-pipeline-${Date.now()}`;

let browser: Browser;
let page: Page;
let token = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signInAsNewAdmin(browser));
});

afterAll(async () => {
  await browser?.close();
});

async function callMe(bearer: string): Promise<Response> {
  return fetch(urlOf("/api/v1/me"), { headers: { Authorization: `Bearer ${bearer}` } });
}

function tokenRow() {
  return page.getByRole("row").filter({ hasText: tokenName });
}

describe("API tokens", () => {
  it("creates a viewer token and shows its value once", async () => {
    await page.goto("/settings/tokens");
    await page.getByRole("heading", { name: "No API tokens" }).waitFor();
    await page.getByText("Create one with the form above").waitFor();
    expect(await page.getByLabel("Expires after").inputValue()).toBe("90");
    await page.getByLabel("Name").fill(tokenName);
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Create token" }).click();

    const shown = page.getByLabel("New API token");
    await shown.waitFor();
    token = (await shown.textContent()) ?? "";
    expect(token).toMatch(/^fl_[A-Za-z0-9_-]{43}$/);
    await page.getByText(/It stops working at \d{4}-\d\d-\d\d/).waitFor();
    await tokenRow().waitFor();
  });

  it("stores and lists an expiry 90 days out", async () => {
    const row = await getDb().apiToken.findFirstOrThrow({
      where: { name: tokenName },
      select: { createdAt: true, expiresAt: true },
    });
    const days = ((row.expiresAt?.getTime() ?? 0) - row.createdAt.getTime()) / (24 * 3600 * 1000);
    expect(Math.round(days)).toBe(90);
    const shown = row.expiresAt?.toISOString().slice(0, 10) ?? "";
    await tokenRow().getByText(shown).waitFor();
  });

  it("stores only a hash of the value", async () => {
    const rows = await getDb().apiToken.findMany({
      where: { name: tokenName },
      select: { tokenHash: true, role: true, revokedAt: true },
    });
    const sha256 = createHash("sha256").update(token).digest("hex");
    expect(rows).toEqual([{ tokenHash: sha256, role: "viewer", revokedAt: null }]);
  });

  it("authenticates the token from outside the browser", async () => {
    const response = await callMe(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: "token", role: "viewer" });
  });

  it("keeps the token to its role: a viewer token cannot create an issuer", async () => {
    const response = await fetch(urlOf("/api/v1/issuers"), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        name: `${tokenName}-issuer`,
        kind: "generic",
        issuerUrl: "https://issuer.example.test",
      }),
    });
    expect(response.status).toBe(403);
    expect(await getDb().issuer.count()).toBe(0);
  });

  it("hides the value once dismissed, and for good after a reload", async () => {
    await page.getByRole("button", { name: "I have stored it" }).click();
    await page.getByLabel("New API token").waitFor({ state: "detached" });
    expect(await page.content()).not.toContain(token);

    await page.reload();
    await tokenRow().waitFor();
    expect(await page.getByLabel("New API token").count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it("revokes the token through the dialog, after which it gets 401", async () => {
    await tokenRow().getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke ${tokenName}?` });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await tokenRow().getByText("revoked", { exact: true }).waitFor();

    const response = await callMe(token);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("keeps answering 401 for a token that was never issued", async () => {
    const response = await callMe(`fl_${"x".repeat(43)}`);
    expect(response.status).toBe(401);
  });
});
