import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, signInAsNewAdmin, urlOf } from "./support/browser";

// The headers SECURITY.md 3.5 promises, read off real responses of the
// production build, and the CVE-2025-29927 header having no effect.

let browser: Browser;
let adminPage: Page;
let anonymousPage: Page;
const cspViolations: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page: adminPage } = await signInAsNewAdmin(browser));
  anonymousPage = await openPage(browser);
  for (const page of [adminPage, anonymousPage]) {
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) cspViolations.push(message.text());
    });
  }
});

afterAll(async () => {
  await browser?.close();
});

function scriptNonces(html: string): (string | null)[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map(
    ([tag]) => /\snonce="([^"]*)"/.exec(tag)?.[1] ?? null,
  );
}

function nonceOf(csp: string): string | undefined {
  return /(?:^|;)\s*script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
}

describe("page responses", () => {
  const pages = [
    { path: "/sign-in", who: "a visitor", page: () => anonymousPage },
    { path: "/issuers", who: "a signed-in admin", page: () => adminPage },
  ];

  it.each(pages)("carry a nonce CSP that every script of $path uses, for $who", async (entry) => {
    const page = entry.page();
    const response = await page.goto(entry.path);
    expect(new URL(page.url()).pathname).toBe(entry.path);
    const headers = response?.headers() ?? {};
    const csp = headers["content-security-policy"] ?? "";
    const nonce = nonceOf(csp);

    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).toMatch(/(?:^|;)\s*frame-ancestors 'none'(?:;|$)/);
    const nonces = scriptNonces((await response?.text()) ?? "");
    expect(nonces.length).toBeGreaterThan(0);
    expect(new Set(nonces)).toEqual(new Set([nonce]));
  });

  it.each(pages)("carry nosniff and no-referrer on $path", async (entry) => {
    const response = await entry.page().goto(entry.path);
    expect(response?.headers()).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
  });

  it("use a fresh nonce for every response", async () => {
    const first = await anonymousPage.goto("/sign-in");
    const second = await anonymousPage.goto("/sign-in");
    const nonces = [first, second].map((response) =>
      nonceOf(response?.headers()["content-security-policy"] ?? ""),
    );
    expect(nonces[0]).toBeDefined();
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("run without a CSP violation in the browser", async () => {
    // The pages above hydrated under the policy; any blocked script was logged.
    await anonymousPage.goto("/sign-in");
    await anonymousPage.getByRole("button", { name: "Sign in" }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});

describe("API responses", () => {
  it("are not cached when anonymous", async () => {
    const response = await fetch(urlOf("/api/v1/me"));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("are not cached when signed in", async () => {
    const response = await adminPage.request.get(urlOf("/api/v1/me"));
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
  });
});

describe("a spoofed x-middleware-subrequest header", () => {
  it.each([
    "proxy",
    "proxy:proxy:proxy:proxy:proxy",
    "middleware:middleware:middleware:middleware:middleware",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  ])("still gets the sign-in redirect and the page headers (%s)", async (value) => {
    const response = await fetch(urlOf("/issuers"), {
      redirect: "manual",
      headers: { "x-middleware-subrequest": value },
    });
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location") ?? "", urlOf("/")).pathname).toBe("/sign-in");
    expect(nonceOf(response.headers.get("content-security-policy") ?? "")).toBeDefined();
  });
});
