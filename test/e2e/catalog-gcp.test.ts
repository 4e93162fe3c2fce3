import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { descriptionOf, launchBrowser, signInAsNewAdmin, waitForPath } from "./support/browser";
import {
  addGithubIssuer,
  fillGithubSubject,
  githubIssuerUrl,
  idFrom,
  jsonBlock,
  jsonIn,
  openTargetForm,
  pickBindingParties,
  randomDigits,
  submitWorkload,
  uniqueSuffix,
  uuidPath,
  waitForExactText,
} from "./support/catalog";

// A new admin, through the browser alone: a GitHub workload, the GCP
// workload identity pool provider that admits it (project number, GitHub's
// default mapping, a condition Google requires), a service-account grant to
// every workflow of the repository, then an edit narrowing it to the
// workload's subject. The steps share these entries and run in order.

const suffix = uniqueSuffix();
const issuerName = `GitHub Actions ${suffix}`;
const owner = `contoso-${suffix}`;
const repo = "analytics";
const workloadName = `Analytics ${suffix} production`;
const subject = `repo:${owner}/${repo}:environment:production`;
const projectNumber = randomDigits(12);
const poolId = `github-${suffix}`;
const providerId = `gh-actions-${suffix}`;
const targetName = `wif-${poolId}`;
const serviceAccount = `deployer-${suffix}@contoso-prod.iam.gserviceaccount.com`;
const condition = `assertion.repository_owner == '${owner}'`;
const poolPath = `projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}`;
const providerResource = `//iam.googleapis.com/${poolPath}/providers/${providerId}`;
const repoMember = `principalSet://iam.googleapis.com/${poolPath}/attribute.repository/${owner}/${repo}`;
const subjectMember = `principal://iam.googleapis.com/${poolPath}/subject/${subject}`;
const bindingName = `analytics-${suffix}-production`;
const githubMapping = {
  "google.subject": "assertion.sub",
  "attribute.repository": "assertion.repository",
  "attribute.repository_id": "assertion.repository_id",
  "attribute.repository_owner": "assertion.repository_owner",
  "attribute.repository_owner_id": "assertion.repository_owner_id",
  "attribute.ref": "assertion.ref",
};

let browser: Browser;
let page: Page;
let bindingId = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signInAsNewAdmin(browser));
});

afterAll(async () => {
  await browser?.close();
});

describe("a GCP provider and service-account grant built in the browser", () => {
  it("adds the GitHub issuer and a workload deploying to production", async () => {
    await addGithubIssuer(page, issuerName);
    await page.goto("/workloads/new");
    await fillGithubSubject(page, {
      owner,
      repo,
      trigger: "Job in an environment",
      refLabel: "Environment",
      ref: "production",
    });
    const workloadId = await submitWorkload(page, workloadName);
    const row = await getDb().workload.findUnique({ where: { id: workloadId } });
    expect(row).toMatchObject({ name: workloadName, subject });
  });

  it("says a project ID is not the project NUMBER Google needs", async () => {
    await openTargetForm(page, "GCP workload identity provider", "gcp-provider");
    const project = page.getByLabel("Project number");
    await project.fill("contoso-prod");
    await page.locator("#config-projectNumber-error").waitFor();
    expect(await project.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(project)).toContain(
      "this looks like a project ID; Workload Identity Federation needs the project NUMBER",
    );

    await project.fill(projectNumber);
    await page.locator("#config-projectNumber-error").waitFor({ state: "detached" });
  });

  it("shows the provider's resource name live from the ids", async () => {
    await page.getByLabel("Pool ID").fill(poolId);
    await page.getByLabel("Provider ID").fill(providerId);
    const name = page.getByRole("status", { name: "Provider resource name" });
    expect(await waitForExactText(name, providerResource)).toBe(providerResource);
  });

  it("fills the three ids from a provider name pasted as gcloud prints it", async () => {
    await page.getByLabel("Pool ID").fill("");
    await page.getByLabel("Provider ID").fill("");
    await page.getByLabel("Project number").fill(`${poolPath}/providers/${providerId}`);
    expect(await page.getByLabel("Project number").inputValue()).toBe(projectNumber);
    expect(await page.getByLabel("Pool ID").inputValue()).toBe(poolId);
    expect(await page.getByLabel("Provider ID").inputValue()).toBe(providerId);
  });

  it("fills the issuer URI from the catalogued issuer and GitHub's default mapping", async () => {
    await page.getByLabel("Catalogued issuer").selectOption({ label: issuerName });
    expect(await page.getByLabel("Issuer URI").inputValue()).toBe(githubIssuerUrl);

    await page.getByRole("button", { name: "Use defaults for GitHub Actions" }).click();
    const rows = Object.entries(githubMapping);
    await page.getByLabel(`Mapping ${rows.length} key`).waitFor();
    for (const [index, [key, expression]] of rows.entries()) {
      expect(await page.getByLabel(`Mapping ${index + 1} key`).inputValue()).toBe(key);
      expect(await page.getByLabel(`Mapping ${index + 1} expression`).inputValue()).toBe(
        expression,
      );
    }
    expect(await page.getByLabel(`Mapping ${rows.length + 1} key`).count()).toBe(0);
  });

  it("refuses a GitHub provider without an attribute condition, under the field", async () => {
    await page.getByLabel("Name", { exact: true }).fill(targetName);
    await page.getByLabel("Default service account email (optional)").fill(serviceAccount);
    await page.getByRole("button", { name: "Add target" }).click();

    const field = page.getByLabel("Attribute condition");
    await page.locator("#config-attributeCondition-error").waitFor();
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(field)).toMatch(
      /Google refuses GitHub Actions providers whose condition does not reference the token's claims/,
    );
    expect(new URL(page.url()).pathname).toBe("/targets/new");
    expect(await getDb().cloudTarget.count()).toBe(0);
    // The form keeps what was typed.
    expect(await page.getByLabel("Pool ID").inputValue()).toBe(poolId);
  });

  it("suggests a condition, takes the owner's, and saves the provider", async () => {
    await page.getByRole("button", { name: "Suggest a condition" }).click();
    const field = page.getByLabel("Attribute condition");
    expect(await field.inputValue()).toBe("assertion.repository_owner == 'OWNER'");
    await field.fill(condition);
    await page.locator("#config-attributeCondition-error").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Add target" }).click();

    await waitForPath(page, uuidPath("targets"));
    const row = await getDb().cloudTarget.findUnique({ where: { id: idFrom(page) } });
    expect(row).toMatchObject({
      name: targetName,
      externalId: providerResource,
      config: {
        projectNumber,
        poolId,
        providerId,
        issuerUri: githubIssuerUrl,
        attributeMapping: githubMapping,
        attributeCondition: condition,
        serviceAccountEmail: serviceAccount,
      },
    });
    await page.getByRole("heading", { name: targetName, level: 1 }).waitFor();
  });

  it("grants the service account to every workflow of the repository", async () => {
    await pickBindingParties(
      page,
      `${workloadName} (${issuerName})`,
      `${targetName} (GCP workload identity pool provider)`,
    );
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(bindingName);
    expect(await page.getByLabel("Service account email").inputValue()).toBe(serviceAccount);
    expect(await page.getByLabel("Role").inputValue()).toBe("roles/iam.workloadIdentityUser");
    expect(await page.getByLabel("This workload's subject (principal)").isChecked()).toBe(true);

    await page.getByLabel("Every identity with an attribute value (principalSet)").check();
    await page.getByLabel("Attribute", { exact: true }).selectOption("repository");
    expect(await page.getByLabel("Value", { exact: true }).inputValue()).toBe(`${owner}/${repo}`);
    await page.getByText(repoMember, { exact: true }).waitFor();
  });

  it("saves the grant and shows the principalSet member and the IAM binding", async () => {
    await page.getByRole("button", { name: "Add binding" }).click();
    await waitForPath(page, uuidPath("bindings"));
    bindingId = idFrom(page);
    await page.getByRole("heading", { name: bindingName, level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await page.getByText(repoMember, { exact: true }).first().waitFor();
    expect(await jsonIn(jsonBlock(page, "IAM binding"), repoMember)).toEqual({
      serviceAccount,
      role: "roles/iam.workloadIdentityUser",
      members: [repoMember],
    });
    expect(await jsonIn(jsonBlock(page, "Provider"), providerResource)).toMatchObject({
      poolProviderResource: providerResource,
      issuerUri: githubIssuerUrl,
      attributeCondition: condition,
    });
  });

  it("edits the grant down to the workload's subject and shows the principal member", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await waitForPath(page, `/bindings/${bindingId}/edit`);
    const byAttribute = page.getByLabel("Every identity with an attribute value (principalSet)");
    expect(await byAttribute.isChecked()).toBe(true);
    await page.getByLabel("This workload's subject (principal)").check();
    await page.getByText(subjectMember, { exact: true }).waitFor();
    await page.getByRole("button", { name: "Save changes" }).click();

    await waitForPath(page, `/bindings/${bindingId}`);
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.getByText(subjectMember, { exact: true }).first().waitFor();
    expect(await jsonIn(jsonBlock(page, "IAM binding"), subjectMember)).toEqual({
      serviceAccount,
      role: "roles/iam.workloadIdentityUser",
      members: [subjectMember],
    });
    const row = await getDb().binding.findUnique({ where: { id: bindingId } });
    expect(row).toMatchObject({
      version: 2,
      spec: { memberKind: "subject", member: subjectMember },
    });
  });
});
