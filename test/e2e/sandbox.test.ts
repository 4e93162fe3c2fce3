import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import type { TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { azureUnmanaged } from "@/lib/sandbox/azure-estate";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import { launchBrowser, signInAsNewAdmin, waitForPath } from "./support/browser";

// The sandbox as a new user meets it, in the real console: the Sandbox
// connections listed and labelled, one tested (who Fedlens is there), an
// import offering what the catalogue lacks, and drift once the cloud
// changes. The sandbox runs in this process (its handle is the test hook
// that changes the cloud), against the console's database and secret key
// (both sides read the key generated in FEDLENS_DATA_DIR), on loopback ports
// the console's cloud-endpoint allow-list admits; the console's worker runs
// the import and drift jobs against it.

let browser: Browser;
let page: Page;
let sandbox: Sandbox;

beforeAll(async () => {
  await seedDemo();
  sandbox = await startSandbox({ keyring: await loadSecretKeyring() });
  browser = await launchBrowser();
  ({ page } = await signInAsNewAdmin(browser));
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const connectionPath = /^\/settings\/connections\/[0-9a-f-]{36}$/;

async function openConnection(name: string): Promise<void> {
  await page.goto("/settings/connections");
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByText("Sandbox", { exact: true }).waitFor();
  await row.getByRole("link", { name }).click();
  await waitForPath(page, connectionPath);
}

describe("the sandbox in the console", () => {
  it("lists the three Sandbox connections, labelled, and tests one: Fedlens says who it is", async () => {
    await page.goto("/settings/connections");
    for (const name of ["Sandbox Azure", "Sandbox AWS", "Sandbox GCP"]) {
      const row = page.getByRole("row").filter({ hasText: name });
      await row.getByText("Sandbox", { exact: true }).waitFor();
    }
    await openConnection("Sandbox AWS");
    await page.getByRole("button", { name: "Test connection" }).click();
    const who = page.getByText(/^\s*Tested .*Fedlens is .* in AWS\.\s*$/);
    await who.waitFor();
    expect(await who.textContent()).toContain("arn:aws:iam::123456789012:user/fedlens");
  });

  it("imports an identity the catalogue lacks, after reviewing the proposals", async () => {
    await openConnection("Sandbox Azure");
    await page.getByRole("link", { name: "Import the trusts this connection can read" }).click();
    await page.getByRole("button", { name: "Start import" }).click();
    await waitForPath(page, /^\/connections\/[0-9a-f-]{36}\/import\/[0-9a-f-]{36}$/);
    const source = page.getByText("Through the connection Sandbox Azure");
    await source.locator("..").getByText("Sandbox", { exact: true }).waitFor();
    const unmanaged = page.getByRole("region").filter({ hasText: azureUnmanaged.identity.name });
    await unmanaged.getByText("New", { exact: true }).first().waitFor({ timeout: 30_000 });
    const payments = page.getByRole("region").filter({ hasText: "uami-payments-prod" });
    const worker = payments.getByRole("listitem").filter({ hasText: azureUnmanaged.fic.name });
    await worker.getByText("New", { exact: true }).waitFor();
    const catalogued = payments.getByRole("listitem").filter({ hasText: "payments-api-main" });
    await catalogued.getByText("Already catalogued").first().waitFor();
    await unmanaged.getByRole("checkbox", { name: /^Select every importable row of / }).check();
    await page.getByRole("button", { name: /^Import selected \(\d+\)$/ }).click();
    await page.getByText(/^Imported 1 binding, 1 target/).waitFor();
    const imported = await getDb().cloudTarget.findMany({
      where: { config: { path: ["identityName"], equals: azureUnmanaged.identity.name } },
      select: { connectionId: true },
    });
    expect(imported).toEqual([{ connectionId: sandbox.connections.ids.azure }]);
  });

  it("shows drift on a target after the cloud changes and Check now", async () => {
    const target = await getDb().cloudTarget.findUniqueOrThrow({
      where: { name: "uami-aks-wkldid" },
      select: { id: true, config: true },
    });
    const id = uamiResourceId(target.config as TAzureUamiConfig);
    const fic = sandbox.azure.store
      .fics(id)
      .find((stored) => stored.name === "aks-wkldid-sawkldid");
    if (!fic) throw new Error("the sandbox lacks the demo FIC");
    const edited = "system:serviceaccount:wkldid:edited-in-the-portal";
    fic.properties = { ...fic.properties, subject: edited };

    await page.goto(`/targets/${target.id}`);
    const connection = page.getByRole("definition").filter({ hasText: "Sandbox Azure" });
    await connection.getByText("Sandbox", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Check now" }).click();
    const item = page.getByRole("listitem").filter({ hasText: "aks-wkldid-sawkldid" });
    await item.getByText("Drifted", { exact: true }).waitFor({ timeout: 30_000 });
    const row = item.getByRole("row").filter({ hasText: edited });
    expect(await row.textContent()).toContain("system:serviceaccount:wkldid:sawkldid");
    const other = page.getByRole("listitem").filter({ hasText: "aks-data-ingest-worker" });
    await other.getByText("In sync", { exact: true }).waitFor();
  });
});
