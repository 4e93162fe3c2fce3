import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import { createTestIssuer, createTestTarget, createTestWorkload } from "../factories/catalog";
import { descriptionOf, launchBrowser, signInAsNewAdmin } from "./support/browser";

// The warnings the server attaches to a saved binding appear under the field
// they are about while the operator types, before anything is saved: they
// come from the same cloud rules, run on the draft.

let browser: Browser;
let page: Page;
let workload: TWorkload;
let identity: TTarget;
let role: TTarget;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signInAsNewAdmin(browser));
  workload = await createTestWorkload();
  identity = await createTestTarget("azure-uami");
  role = await createTestTarget("aws-role");
});

afterAll(async () => {
  await browser?.close();
});

async function openBindingForm(target: TTarget) {
  await page.goto(`/bindings/new?workloadId=${workload.id}&targetId=${target.id}`);
  await page.getByRole("button", { name: "Add binding" }).waitFor();
}

async function waitForDescription(label: string, text: string | RegExp): Promise<string> {
  const control = page.getByLabel(label, { exact: true });
  await expect.poll(() => descriptionOf(control)).toMatch(text);
  return descriptionOf(control);
}

describe("an Azure federated credential being typed", () => {
  it("warns under Subject that it differs from the workload's only by letter case", async () => {
    await openBindingForm(identity);
    await page.getByLabel("Subject", { exact: true }).fill(workload.subject.toUpperCase());

    await waitForDescription("Subject", /differ only in letter case/);
    expect(await waitForDescription("Subject", /AADSTS700213/)).toContain(workload.subject);
  });

  it("warns under Subject about a credential any pull request gets", async () => {
    const repository = workload.subject.split(":").slice(0, 2).join(":");
    await page.getByLabel("Subject", { exact: true }).fill(`${repository}:pull_request`);

    await waitForDescription("Subject", /Any pull-request run in the repository/);
  });

  it("warns under Audience about two audiences joined by a comma", async () => {
    await page
      .getByLabel("Audience", { exact: true })
      .fill("api://AzureADTokenExchange,api://other");

    await waitForDescription("Audience", /documented audience is api:\/\/AzureADTokenExchange/);
  });

  it("clears a warning as soon as the value is fixed", async () => {
    await page.getByLabel("Audience", { exact: true }).fill("api://AzureADTokenExchange");

    await expect
      .poll(() => descriptionOf(page.getByLabel("Audience", { exact: true })))
      .not.toMatch(/documented audience/);
  });

  it("has saved nothing", async () => {
    expect(await getDb().binding.count({ where: { targetId: identity.id } })).toBe(0);
  });
});

describe("an AWS trust statement being built", () => {
  it("warns under Audiences that a value is not one of the provider's client ids", async () => {
    await openBindingForm(role);
    await page.getByLabel("Audiences (aud), one per line").fill("sts.amazonaws.com\nmy-audience");

    await waitForDescription(
      "Audiences (aud), one per line",
      /'my-audience' is not one of the provider's client ids/,
    );
    expect(await getDb().binding.count({ where: { targetId: role.id } })).toBe(0);
  });
});

describe("a GCP grant to an attribute the provider does not map yet", () => {
  it("shows no error before the attribute's fields are touched, and one once they are", async () => {
    const provider = await createTestTarget("gcp-provider", {
      config: { attributeMapping: { "google.subject": "assertion.sub" } },
    });
    await openBindingForm(provider);
    await page.getByLabel("Every identity with an attribute value (principalSet)").check();
    const value = page.getByLabel("Value", { exact: true });
    await value.waitFor();

    expect(await value.getAttribute("aria-invalid")).toBeNull();
    expect(
      await page.getByLabel("Attribute", { exact: true }).getAttribute("aria-invalid"),
    ).toBeNull();
    expect(await descriptionOf(value)).not.toMatch(/required/);

    await value.fill("x");
    await value.fill("");
    await expect.poll(() => value.getAttribute("aria-invalid")).toBe("true");
  });
});

describe("the workload form's subject preview", () => {
  it("names the field that keeps the sub from being built", async () => {
    const issuer = await createTestIssuer("generic");
    await page.goto("/workloads/new");
    await page.getByLabel("Issuer", { exact: true }).selectOption(issuer.id);
    await page.getByLabel("Subject", { exact: true }).fill(" svc-payments ");

    await page.getByText("Subject must not start or end with spaces", { exact: false }).waitFor();
    expect(await page.getByText("Complete the fields above").count()).toBe(0);
  });
});
