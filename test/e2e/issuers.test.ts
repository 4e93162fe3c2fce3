import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { launchBrowser, signInAsNewAdmin, waitForPath, type Credentials } from "./support/browser";
import { seedIssuer } from "./support/data";

// An issuer's life in the catalogue through the forms an operator uses:
// empty list, create, edit, search, delete, and its trail in the audit log.
// The steps share one issuer and run in order.

const uuidPath = /^\/issuers\/[0-9a-f-]{36}$/;
const aksUrl = `https://westeurope.oic.prod-aks.azure.com/${randomUUID()}/${randomUUID()}`;
const name = `AKS prod-westeurope ${randomUUID().slice(0, 6)}`;
const editedNotes = `Rebuilt cluster, ticket ${randomUUID().slice(0, 8)}`;

let browser: Browser;
let page: Page;
let admin: Credentials;
let issuerId = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, admin } = await signInAsNewAdmin(browser));
});

afterAll(async () => {
  await browser?.close();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function idFrom(current: Page): string {
  return new URL(current.url()).pathname.split("/")[2] ?? "";
}

describe("issuers", () => {
  it("shows the empty state with a call to add an issuer", async () => {
    await page.goto("/issuers");
    await page.getByRole("heading", { name: "No issuers yet" }).waitFor();
    await page.getByRole("link", { name: "Add issuer" }).last().click();
    await waitForPath(page, "/issuers/new");
  });

  it("clears GitHub's URL when the kind becomes AKS and warns live about the missing slash", async () => {
    const kind = page.getByLabel("Kind");
    const url = page.getByLabel("Issuer URL");
    expect(await url.inputValue()).toBe("https://token.actions.githubusercontent.com");

    await kind.selectOption({ label: "Kubernetes (AKS)" });
    expect(await url.inputValue()).toBe("");

    const warning = page.getByText(/AADSTS70021/);
    await url.fill(aksUrl);
    await warning.waitFor();
    await url.fill(`${aksUrl}/`);
    await warning.waitFor({ state: "detached" });
  });

  it("saves the issuer and lands on its detail page", async () => {
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Add issuer" }).click();

    await waitForPath(page, uuidPath);
    issuerId = idFrom(page);
    await page.getByRole("heading", { name, level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // In the issuer's details (the History section below shows it again, in its diff).
    await page.getByRole("definition").getByText(`${aksUrl}/`, { exact: true }).waitFor();
    const row = await getDb().issuer.findUnique({ where: { id: issuerId } });
    expect(row).toMatchObject({ name, issuerUrl: `${aksUrl}/`, version: 1 });
  });

  it("edits the notes and says Saved.", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await waitForPath(page, `/issuers/${issuerId}/edit`);
    await page.getByLabel("Notes").fill(editedNotes);
    await page.getByRole("button", { name: "Save changes" }).click();

    await waitForPath(page, `/issuers/${issuerId}`);
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.getByRole("definition").getByText(editedNotes).waitFor();
    const row = await getDb().issuer.findUnique({ where: { id: issuerId } });
    expect(row).toMatchObject({ notes: editedNotes, version: 2 });
  });

  it("finds the issuer by search and leaves others out", async () => {
    const other = await seedIssuer();
    await page.goto("/issuers");
    await page.getByRole("link", { name: other.name }).waitFor();

    await page.getByRole("searchbox", { name: "Search" }).fill("prod-westeurope");
    await page.getByRole("button", { name: "Filter" }).click();

    await page.waitForURL((url) => url.searchParams.get("q") === "prod-westeurope");
    // Both at once: the old list holds both names, the loading state neither.
    const shown = async () => [
      await page.getByRole("link", { name }).count(),
      await page.getByRole("link", { name: other.name }).count(),
    ];
    await expect.poll(shown).toEqual([1, 0]);
  });

  it("deletes the issuer after confirmation in the dialog", async () => {
    await page.getByRole("link", { name }).click();
    await waitForPath(page, `/issuers/${issuerId}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Delete issuer" }).click();

    await waitForPath(page, "/issuers");
    await page.getByRole("status").filter({ hasText: "Issuer deleted." }).waitFor();
    expect(await page.getByRole("link", { name }).count()).toBe(0);
    expect(await getDb().issuer.findUnique({ where: { id: issuerId } })).toBeNull();
  });

  it("shows the issuer's create, update and delete in the audit trail with the diff folded", async () => {
    await page.goto(`/audit?entityType=issuer&entityId=${issuerId}`);
    const rows = page.getByRole("row");
    for (const action of ["issuer.create", "issuer.update", "issuer.delete"]) {
      const row = rows.filter({ hasText: action });
      await row.waitFor();
      expect(await row.getByText(admin.email).count()).toBe(1);
    }

    const update = rows.filter({ hasText: "issuer.update" });
    const notesAfter = update.getByRole("cell", { name: editedNotes, exact: true });
    expect(await notesAfter.isVisible()).toBe(false);
    await update.getByText("Before / after").click();
    await notesAfter.waitFor();
    const notesRow = update
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: editedNotes, exact: true }) });
    expect(await notesRow.getByRole("cell").allTextContents()).toEqual(["notes", "", editedNotes]);
  });

  it("shows the not-found page for an unknown issuer id", async () => {
    await page.goto(`/issuers/${randomUUID()}`);
    await page.getByRole("heading", { name: "No such issuer" }).waitFor();
  });

  it("answers an unknown issuer id with HTTP 404", async () => {
    const response = await page.goto(`/issuers/${randomUUID()}`);
    expect(response?.status()).toBe(404);
  });

  it("refuses a save based on a stale version and names who changed it", async () => {
    const issuer = await seedIssuer();
    const first = page;
    const second = await page.context().newPage();
    await first.goto(`/issuers/${issuer.id}/edit`);
    await second.goto(`/issuers/${issuer.id}/edit`);

    await first.getByLabel("Notes").fill("first writer");
    await first.getByRole("button", { name: "Save changes" }).click();
    await waitForPath(first, `/issuers/${issuer.id}`);

    await second.getByLabel("Notes").fill("second writer");
    await second.getByRole("button", { name: "Save changes" }).click();
    const alert = second.getByRole("alert").filter({ hasText: /reload/i });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      new RegExp(`changed by ${escapeRegExp(admin.email)} at .+ Reload`),
    );
    expect(new URL(second.url()).pathname).toBe(`/issuers/${issuer.id}/edit`);
    expect(await second.getByLabel("Notes").inputValue()).toBe("second writer");
    const row = await getDb().issuer.findUnique({ where: { id: issuer.id } });
    expect(row).toMatchObject({ notes: "first writer", version: 2 });
    await second.close();
  });
});

// SECURITY.md 2.3 "No-fetch option": keys pasted in the form, screened like
// fetched ones, and shown on the issuer page in place of the fetch health.
describe("an issuer with pasted keys", () => {
  it("refuses a private key with a message on the field, keeping what was typed", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const leaked = JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: "leak" }] });
    await page.goto("/issuers/new");
    await page.getByLabel("Kind").selectOption({ label: "Keycloak" });
    await page.getByLabel("Name").fill(`Keycloak ${randomUUID().slice(0, 6)}`);
    await page
      .getByLabel("Issuer URL")
      .fill(`https://sso-${randomUUID().slice(0, 6)}.corp.test/realms/ci`);
    await page.getByLabel("Pasted keys (optional)").fill(leaked);
    await page.getByRole("button", { name: "Add issuer" }).click();

    await page
      .getByText('the JWKS publishes private key material (kid "leak")', { exact: false })
      .waitFor();
    expect(await page.getByLabel("Pasted keys (optional)").inputValue()).toBe(leaked);
  });

  it("saves public keys and lists them on the issuer page, with nothing to fetch", async () => {
    const { publicKey } = await generateKeyPair("RS256");
    const kid = `pasted-${randomUUID().slice(0, 8)}`;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256" }] });
    await page.getByLabel("Pasted keys (optional)").fill(jwks);
    await page.getByRole("button", { name: "Add issuer" }).click();

    await waitForPath(page, uuidPath);
    await page.getByText("pasted: 1 key, never fetched", { exact: true }).waitFor();
    const keys = page.getByRole("region", { name: "Signing keys" });
    await keys.getByText("Fedlens never fetches this issuer's keys", { exact: false }).waitFor();
    await keys.getByRole("list", { name: "Pasted key ids" }).getByText(kid).waitFor();
    expect(await page.getByRole("button", { name: "Check now" }).count()).toBe(0);

    await page.getByRole("link", { name: "Edit" }).click();
    await waitForPath(page, /\/edit$/);
    expect(await page.getByLabel("Pasted keys (optional)").inputValue()).toContain(kid);
  });
});
