import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import {
  baseURL,
  descriptionOf,
  launchBrowser,
  signInAsNewAdmin,
  waitForPath,
  type Credentials,
} from "./support/browser";
import {
  addGithubIssuer,
  auditRow,
  diffCells,
  escapeRegExp,
  fillGithubSubject,
  githubIssuerUrl,
  idFrom,
  jsonBlock,
  jsonIn,
  openTargetForm,
  resultingSub,
  submitWorkload,
  uniqueSuffix,
  uuidPath,
  waitForExactText,
} from "./support/catalog";

// A new admin, through the browser alone: the GitHub issuer, a workload
// deploying to an environment, the managed identity it should act as, the
// federated credential between them as ARM holds it, and an edit of it.
// The steps share these entries and run in order.

const suffix = uniqueSuffix();
const issuerName = `GitHub Actions ${suffix}`;
const owner = `contoso-${suffix}`;
const repo = "payments-api";
const workloadName = `Payments API ${suffix} production`;
const subject = `repo:${owner}/${repo}:environment:production`;
const editedSubject = `repo:${owner}/${repo}:environment:staging`;
const ficName = `payments-api-${suffix}-production`;
const targetName = `uami-payments-${suffix}`;
const identity = {
  tenantId: randomUUID(),
  subscriptionId: randomUUID(),
  resourceGroup: "rg-payments-prod",
  identityName: `uami-payments-${suffix}`,
  clientId: randomUUID(),
  principalId: randomUUID(),
};
const identityId =
  `/subscriptions/${identity.subscriptionId}/resourceGroups/${identity.resourceGroup}` +
  `/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.identityName}`;

let browser: Browser;
let page: Page;
let admin: Credentials;
let workloadId = "";
let targetId = "";
let bindingId = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, admin } = await signInAsNewAdmin(browser));
  await page
    .context()
    .grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL() });
});

afterAll(async () => {
  await browser?.close();
});

describe("an Azure federated credential built in the browser", () => {
  it("adds the GitHub Actions issuer through its form", async () => {
    await addGithubIssuer(page, issuerName);
    expect(await getDb().issuer.count({ where: { issuerUrl: githubIssuerUrl } })).toBe(1);
  });

  it("shows the workload's sub live as the subject fields change", async () => {
    await page.goto("/workloads/new");
    const issuer = page.getByLabel("Issuer", { exact: true });
    // The only issuer is chosen already.
    expect(await issuer.locator("option:checked").textContent()).toBe(
      `${issuerName} (GitHub Actions)`,
    );
    await resultingSub(page).getByText("Complete the fields above").waitFor();

    await fillGithubSubject(page, {
      owner,
      repo,
      trigger: "Push to a branch",
      refLabel: "Branch",
      ref: "main",
    });
    await waitForExactText(resultingSub(page), `repo:${owner}/${repo}:ref:refs/heads/main`);

    await fillGithubSubject(page, {
      owner,
      repo,
      trigger: "Job in an environment",
      refLabel: "Environment",
      ref: "production",
    });
    expect(await waitForExactText(resultingSub(page), subject)).toBe(subject);
  });

  it("saves the workload with that subject", async () => {
    workloadId = await submitWorkload(page, workloadName);
    const row = await getDb().workload.findUnique({ where: { id: workloadId } });
    expect(row).toMatchObject({ name: workloadName, subject, version: 1 });
    await page.getByRole("heading", { name: workloadName, level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // In the workload's details (the History section below shows it again, in its diff).
    await page.getByRole("code").getByText(subject, { exact: true }).waitFor();
  });

  it("flags a tenant id that is not a GUID under its field", async () => {
    await openTargetForm(page, "Azure managed identity", "azure-uami");
    const tenant = page.getByLabel("Tenant ID");
    await tenant.fill("contoso.onmicrosoft.com");
    await page.locator("#config-tenantId-error").waitFor();
    expect(await tenant.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(tenant)).toMatch(/GUID/i);
  });

  it("adds the user-assigned managed identity with its six ids", async () => {
    const fields: [string, string][] = [
      ["Tenant ID", identity.tenantId],
      ["Subscription ID", identity.subscriptionId],
      ["Resource group", identity.resourceGroup],
      ["Identity name", identity.identityName],
      ["Client ID", identity.clientId],
      ["Principal ID", identity.principalId],
    ];
    await page.getByLabel("Name", { exact: true }).fill(targetName);
    for (const [label, value] of fields) await page.getByLabel(label).fill(value);
    await page.locator("#config-tenantId-error").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Add target" }).click();

    await waitForPath(page, uuidPath("targets"));
    targetId = idFrom(page);
    const row = await getDb().cloudTarget.findUnique({ where: { id: targetId } });
    expect(row).toMatchObject({ name: targetName, config: identity });
    await page.getByRole("heading", { name: targetName, level: 1 }).waitFor();
    // In ARM's casing, as the Azure portal shows it (the catalogue stores it lower-cased).
    await page.getByText(identityId, { exact: true }).waitFor();
  });

  it("picks the workload and the identity with the keyboard alone", async () => {
    await page.goto("/bindings/new");
    const workload = page.getByLabel("Workload");
    const target = page.getByLabel("Cloud target");
    // The workload picker has the focus on arrival.
    await page.locator("#workloadId:focus").waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.locator("#targetId:focus").waitFor();
    await page.keyboard.press("ArrowDown");
    expect(await workload.inputValue()).toBe(workloadId);
    expect(await target.inputValue()).toBe(targetId);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");

    await page.waitForURL(
      (url) =>
        url.searchParams.get("workloadId") === workloadId &&
        url.searchParams.get("targetId") === targetId,
    );
    await page.getByRole("button", { name: "Add binding" }).waitFor();
  });

  it("proposes the credential's name, issuer, audience and subject from the workload", async () => {
    expect(await page.getByLabel("Credential name").inputValue()).toBe(ficName);
    expect(await page.getByLabel("Issuer", { exact: true }).inputValue()).toBe(githubIssuerUrl);
    expect(await page.getByLabel("Audience").inputValue()).toBe("api://AzureADTokenExchange");
    expect(await page.getByLabel("Exact subject").isChecked()).toBe(true);
    expect(await page.getByLabel("Subject", { exact: true }).inputValue()).toBe(subject);

    const preview = await jsonIn(jsonBlock(page, "Federated credential JSON"), ficName);
    expect(preview).toMatchObject({
      name: ficName,
      properties: { issuer: githubIssuerUrl, subject, audiences: ["api://AzureADTokenExchange"] },
    });
  });

  it("saves the binding and shows the credential as ARM holds it", async () => {
    await page.getByRole("button", { name: "Add binding" }).click();
    await waitForPath(page, uuidPath("bindings"));
    bindingId = idFrom(page);
    await page.getByRole("heading", { name: ficName, level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    const credential = await jsonIn(jsonBlock(page, "Federated credential"), ficName);
    expect(credential).toEqual({
      id: `${identityId}/federatedIdentityCredentials/${ficName}`,
      name: ficName,
      type: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
      properties: { issuer: githubIssuerUrl, subject, audiences: ["api://AzureADTokenExchange"] },
    });
  });

  it("copies the credential JSON to the clipboard", async () => {
    const block = jsonBlock(page, "Federated credential");
    const copy = block.getByRole("button", { name: "Copy Federated credential to clipboard" });
    await copy.click();
    await waitForExactText(copy, "Copied");
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toBe(await block.locator("pre").textContent());
    expect(JSON.parse(clipboard)).toMatchObject({ properties: { subject } });
  });

  it("links the trust chain to the issuer, the workload and the identity", async () => {
    const chain = page.getByRole("navigation", { name: "Trust chain" });
    const hrefs = await chain
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(hrefs).toEqual([
      expect.stringMatching(/^\/issuers\/[0-9a-f-]{36}$/),
      `/workloads/${workloadId}`,
      `/targets/${targetId}`,
    ]);
    expect(await chain.getByRole("link").allTextContents()).toEqual([
      issuerName,
      workloadName,
      targetName,
    ]);
  });

  it("edits the subject, keeps the name read-only, and shows the new subject", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await waitForPath(page, `/bindings/${bindingId}/edit`);
    const name = page.getByLabel("Credential name");
    expect(await name.getAttribute("readonly")).not.toBeNull();
    await page.getByLabel("Subject", { exact: true }).fill(editedSubject);
    await page.getByRole("button", { name: "Save changes" }).click();

    await waitForPath(page, `/bindings/${bindingId}`);
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const credential = await jsonIn(jsonBlock(page, "Federated credential"), editedSubject);
    expect(credential).toMatchObject({ name: ficName, properties: { subject: editedSubject } });
    const row = await getDb().binding.findUnique({ where: { id: bindingId } });
    expect(row).toMatchObject({ subject: editedSubject, version: 2 });
  });

  it("shows the edit in the audit trail as binding.update with the subject's diff", async () => {
    const row = await auditRow(page, "binding", bindingId, "binding.update");
    expect(await row.getByText(admin.email).count()).toBe(1);
    expect(await diffCells(row, "Subject")).toEqual(["Subject", subject, editedSubject]);
  });

  it("refuses a save based on a stale version and names who changed it", async () => {
    const first = page;
    const second = await page.context().newPage();
    await first.goto(`/bindings/${bindingId}/edit`);
    await second.goto(`/bindings/${bindingId}/edit`);

    await first.getByLabel("Subject", { exact: true }).fill(`${editedSubject}-first`);
    await first.getByRole("button", { name: "Save changes" }).click();
    await waitForPath(first, `/bindings/${bindingId}`);

    await second.getByLabel("Subject", { exact: true }).fill(`${editedSubject}-second`);
    await second.getByRole("button", { name: "Save changes" }).click();
    const alert = second.getByRole("alert").filter({ hasText: /reload/i });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      new RegExp(`changed by ${escapeRegExp(admin.email)} at .+ Reload`),
    );
    expect(new URL(second.url()).pathname).toBe(`/bindings/${bindingId}/edit`);
    expect(await second.getByLabel("Subject", { exact: true }).inputValue()).toBe(
      `${editedSubject}-second`,
    );
    const row = await getDb().binding.findUnique({ where: { id: bindingId } });
    expect(row).toMatchObject({ subject: `${editedSubject}-first`, version: 3 });
    await second.close();
  });

  it("answers the edit page of an unknown binding with the not-found page and 404", async () => {
    const response = await page.goto(`/bindings/${randomUUID()}/edit`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "No such binding" }).waitFor();
  });
});
