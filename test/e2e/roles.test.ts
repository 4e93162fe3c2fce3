import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TIssuer } from "@/lib/schemas/issuer";
import {
  baseURL,
  launchBrowser,
  openPage,
  signIn,
  signInAsNewAdmin,
  urlOf,
  waitForPath,
  type Credentials,
} from "./support/browser";
import { addUserWithCli, seedIssuer } from "./support/data";

// What a viewer sees and may do, enforced by the server rather than hidden by
// the UI, and a role change taking effect on the next request.

let browser: Browser;
let adminPage: Page;
let viewerPage: Page;
let viewer: Credentials;
let issuer: TIssuer;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page: adminPage } = await signInAsNewAdmin(browser));
  viewer = await addUserWithCli("viewer");
  issuer = await seedIssuer();
  viewerPage = await openPage(browser);
  await signIn(viewerPage, viewer);
});

afterAll(async () => {
  await browser?.close();
});

function issuerBody(name: string) {
  return {
    name,
    kind: "generic",
    issuerUrl: `https://${name.toLowerCase()}.example.test`,
  };
}

describe("a viewer", () => {
  it("sees the issuers but no Add issuer", async () => {
    await viewerPage.goto("/issuers");
    await viewerPage.getByRole("link", { name: issuer.name }).waitFor();
    expect(await viewerPage.getByRole("link", { name: "Add issuer" }).count()).toBe(0);
  });

  it("sees an issuer's details without Edit or Delete", async () => {
    await viewerPage.goto(`/issuers/${issuer.id}`);
    await viewerPage.getByRole("heading", { name: issuer.name, level: 1 }).waitFor();
    await viewerPage.getByText(issuer.issuerUrl, { exact: true }).waitFor();
    expect(await viewerPage.getByRole("link", { name: "Edit" }).count()).toBe(0);
    expect(await viewerPage.getByRole("button", { name: /delete/i }).count()).toBe(0);
  });

  const forbiddenPages = [
    "/issuers/new",
    "/issuers/{id}/edit",
    "/settings/users",
    "/settings/tokens",
  ];

  it.each(forbiddenPages)("gets the forbidden page at %s", async (template) => {
    await viewerPage.goto(template.replace("{id}", issuer.id));
    await viewerPage.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await viewerPage.getByRole("textbox").count()).toBe(0);
    expect(await viewerPage.getByRole("combobox").count()).toBe(0);
  });

  it.each(forbiddenPages)("gets HTTP 403 at %s", async (template) => {
    const response = await viewerPage.goto(template.replace("{id}", issuer.id));
    expect(response?.status()).toBe(403);
  });

  it("has a same-origin POST to /api/v1/issuers refused with 403 problem+json", async () => {
    const body = issuerBody(`ViewerMade${Date.now()}`);
    const response = await viewerPage.request.post(urlOf("/api/v1/issuers"), {
      data: body,
      headers: { Origin: baseURL() },
    });

    expect(response.status()).toBe(403);
    expect(response.headers()["content-type"]).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 403, detail: expect.any(String) });
    expect(await getDb().issuer.count({ where: { name: body.name } })).toBe(0);
  });

  it("is told apart from an admin, whose identical POST creates the issuer", async () => {
    const body = issuerBody(`AdminMade${Date.now()}`);
    const response = await adminPage.request.post(urlOf("/api/v1/issuers"), {
      data: body,
      headers: { Origin: baseURL() },
    });

    expect(response.status()).toBe(201);
    expect(await getDb().issuer.count({ where: { name: body.name } })).toBe(1);
  });
});

describe("an admin changing the viewer's role", () => {
  it("makes the former viewer an operator on their next request", async () => {
    await viewerPage.goto("/issuers");
    await viewerPage.getByRole("link", { name: issuer.name }).waitFor();
    expect(await viewerPage.getByRole("link", { name: "Add issuer" }).count()).toBe(0);

    await adminPage.goto("/settings/users");
    const role = adminPage.getByRole("combobox", { name: `Role of ${viewer.email}` });
    await role.waitFor();
    const [patch] = await Promise.all([
      adminPage.waitForResponse(
        (response) =>
          response.request().method() === "PATCH" &&
          new URL(response.url()).pathname.startsWith("/api/v1/users/"),
      ),
      role.selectOption("operator"),
    ]);
    expect(patch.status()).toBe(200);

    await adminPage.reload();
    await adminPage.getByRole("combobox", { name: `Role of ${viewer.email}` }).waitFor();
    expect(
      await adminPage.getByRole("combobox", { name: `Role of ${viewer.email}` }).inputValue(),
    ).toBe("operator");

    // The same session, not a new sign-in: the role is read from the database.
    await viewerPage.reload();
    await viewerPage.getByRole("link", { name: "Add issuer" }).click();
    await waitForPath(viewerPage, "/issuers/new");
    await viewerPage.getByRole("heading", { name: "Add issuer", level: 1 }).waitFor();
  });
});
