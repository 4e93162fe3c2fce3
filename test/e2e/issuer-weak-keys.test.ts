import { generateKeyPairSync, randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInAsNewAdmin, waitForPath } from "./support/browser";

// Issue 10 item 6: the issuer form shows what is weak about pasted keys before
// it saves them, and the issuer page shows it beside the key.

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signInAsNewAdmin(browser));
});

afterAll(async () => {
  await browser?.close();
});

describe("an issuer with a weak pasted key", () => {
  it("warns in the form, saves once the operator keeps the keys, and warns on the issuer page", async () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const kid = `weak-${randomUUID().slice(0, 8)}`;
    const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid }] });
    await page.goto("/issuers/new");
    await page.getByLabel("Kind").selectOption({ label: "Keycloak" });
    await page.getByLabel("Name").fill(`Lab ${randomUUID().slice(0, 6)}`);
    await page
      .getByLabel("Issuer URL")
      .fill(`https://sso-${randomUUID().slice(0, 6)}.corp.test/realms/lab`);
    await page.getByLabel("Pasted keys (optional)").fill(jwks);
    await page.getByRole("button", { name: "Add issuer" }).click();

    await page.getByText("Nothing was saved yet", { exact: false }).waitFor();
    await page.getByText("its RSA modulus is 1024 bits, under 2048", { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/issuers/new");
    expect(await page.getByLabel("Pasted keys (optional)").inputValue()).toContain(kid);

    await page.getByLabel("Keep these keys despite the warnings").check();
    await page.getByRole("button", { name: "Add issuer" }).click();
    await waitForPath(page, /^\/issuers\/[0-9a-f-]{36}$/);
    const keys = page.getByRole("region", { name: "Signing keys" });
    await keys.getByText("Weak: its RSA modulus is 1024 bits", { exact: false }).waitFor();
  });
});
