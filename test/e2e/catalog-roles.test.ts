import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { baseURL, launchBrowser, openPage, signIn, urlOf } from "./support/browser";
import { seedAzureCatalog, uniqueSuffix, type SeededCatalog } from "./support/catalog";
import { addUserWithCli } from "./support/data";

// What a viewer may do with the catalogue: read every list and detail, and
// nothing else, with the server refusing what the UI does not offer.
// An operator's identical request is the control that shows the refusal is
// about the role.

let browser: Browser;
let viewerPage: Page;
let operatorPage: Page;
let catalog: SeededCatalog;

beforeAll(async () => {
  browser = await launchBrowser();
  catalog = await seedAzureCatalog();
  const [viewer, operator] = [await addUserWithCli("viewer"), await addUserWithCli("operator")];
  viewerPage = await openPage(browser);
  await signIn(viewerPage, viewer);
  operatorPage = await openPage(browser);
  await signIn(operatorPage, operator);
});

afterAll(async () => {
  await browser?.close();
});

const lists = [
  { path: "/workloads", entry: () => catalog.workload.name, add: "Add workload" },
  { path: "/targets", entry: () => catalog.target.name, add: "Add target" },
  { path: "/bindings", entry: () => catalog.binding.name, add: "Add binding" },
];

const details = [
  { section: "workloads", entry: () => catalog.workload },
  { section: "targets", entry: () => catalog.target },
  { section: "bindings", entry: () => catalog.binding },
];

const forbiddenPages = [
  "/workloads/new",
  "/targets/new",
  "/targets/new?kind=azure-uami",
  "/bindings/new",
  "/bindings/new?workloadId={workload}&targetId={target}",
  "/workloads/{workload}/edit",
  "/targets/{target}/edit",
  "/bindings/{binding}/edit",
];

function resolve(template: string): string {
  return template
    .replace("{workload}", catalog.workload.id)
    .replace("{target}", catalog.target.id)
    .replace("{binding}", catalog.binding.id);
}

function workloadBody(name: string) {
  return {
    name,
    issuerId: catalog.issuer.id,
    subjectSpec: {
      kind: "github",
      owner: "contoso",
      repo: "reporting",
      trigger: "branch",
      name: "main",
    },
  };
}

describe("a viewer in the catalogue", () => {
  it.each(lists)("sees $path with its entry but no $add", async ({ path, entry, add }) => {
    await viewerPage.goto(path);
    await viewerPage.getByRole("link", { name: entry() }).first().waitFor();
    expect(await viewerPage.getByRole("link", { name: add }).count()).toBe(0);
  });

  it.each(details)("sees a $section entry without Edit, Delete or Add binding", async (item) => {
    const { id, name } = item.entry();
    await viewerPage.goto(`/${item.section}/${id}`);
    await viewerPage.getByRole("heading", { name, level: 1 }).waitFor();
    expect(await viewerPage.getByRole("link", { name: "Edit" }).count()).toBe(0);
    expect(await viewerPage.getByRole("button", { name: /delete/i }).count()).toBe(0);
    expect(await viewerPage.getByRole("link", { name: "Add binding" }).count()).toBe(0);
  });

  it("sees the binding's federated credential as the operator does", async () => {
    await viewerPage.goto(`/bindings/${catalog.binding.id}`);
    await viewerPage.getByText("federatedIdentityCredentials", { exact: false }).first().waitFor();
    await viewerPage.getByText(catalog.workload.subject, { exact: true }).first().waitFor();
  });

  it.each(forbiddenPages)("gets the forbidden page with HTTP 403 at %s", async (template) => {
    const response = await viewerPage.goto(resolve(template));
    expect(response?.status()).toBe(403);
    await viewerPage.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await viewerPage.getByRole("textbox").count()).toBe(0);
    expect(await viewerPage.getByRole("combobox").count()).toBe(0);
  });

  it("has a same-origin POST to /api/v1/workloads refused with 403 problem+json", async () => {
    const body = workloadBody(`viewer-made ${uniqueSuffix()}`);
    const response = await viewerPage.request.post(urlOf("/api/v1/workloads"), {
      data: body,
      headers: { Origin: baseURL() },
    });

    expect(response.status()).toBe(403);
    expect(response.headers()["content-type"]).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 403, detail: expect.any(String) });
    expect(await getDb().workload.count({ where: { name: body.name } })).toBe(0);
  });
});

describe("an operator, for contrast", () => {
  it("sees Add workload on the list and the edit form at /workloads/new", async () => {
    await operatorPage.goto("/workloads");
    await operatorPage.getByRole("link", { name: "Add workload" }).first().click();
    await operatorPage.getByRole("heading", { name: "Add workload", level: 1 }).waitFor();
  });

  it("creates the workload with the POST the viewer was refused", async () => {
    const body = workloadBody(`operator-made ${uniqueSuffix()}`);
    const response = await operatorPage.request.post(urlOf("/api/v1/workloads"), {
      data: body,
      headers: { Origin: baseURL() },
    });

    expect(response.status()).toBe(201);
    expect(await response.json()).toMatchObject({
      name: body.name,
      subject: "repo:contoso/reporting:ref:refs/heads/main",
    });
    expect(await getDb().workload.count({ where: { name: body.name } })).toBe(1);
  });
});
