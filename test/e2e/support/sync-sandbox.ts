import type { Locator, Page } from "playwright-core";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import type { TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { getDb } from "@/lib/db/client";
import { azureUnmanaged } from "@/lib/sandbox/azure-estate";
import type { Sandbox } from "@/lib/sandbox/start-sandbox";
import type { FicProperties } from "@/test/emulators/azure/fic-rules";
import { waitForPath } from "./browser";
import { escapeRegExp } from "./catalog";

// Steps the sync browser test takes on the sandbox: bringing a cloud object
// under Fedlens's ownership the way an operator does (an import), planning
// one target from /sync, and reaching into the sandbox's Azure emulator, the
// test's stand-in for someone editing the cloud behind Fedlens's back.

export type OwnedAzureBinding = {
  bindingId: string;
  bindingName: string;
  targetId: string;
  targetName: string;
  /** The identity's ARM resource id, as the emulator files its FICs. */
  identityId: string;
};

const uuid = "[0-9a-f-]{36}";

/**
 * Imports the Sandbox Azure identity the catalogue lacks (one FIC) through
 * its import page: an imported binding is Fedlens's, so a plan may
 * change it. The demo bindings are not: the sandbox filled the cloud from the
 * catalogue, but nobody imported or applied them.
 */
export async function importUnmanagedAzureIdentity(
  page: Page,
  sandbox: Sandbox,
): Promise<OwnedAzureBinding> {
  // The connection's settings page (and its import link) is an admin's; the
  // import itself is an operator's.
  await page.goto(`/connections/${sandbox.connections.ids.azure}/import`);
  await page.getByRole("button", { name: "Start import" }).click();
  await waitForPath(page, new RegExp(`^/connections/${uuid}/import/${uuid}$`));
  const region = page.getByRole("region").filter({ hasText: azureUnmanaged.identity.name });
  await region.getByText("New", { exact: true }).first().waitFor({ timeout: 30_000 });
  await region.getByRole("checkbox", { name: /^Select every importable row of / }).check();
  await page.getByRole("button", { name: /^Import selected \(\d+\)$/ }).click();
  await page.getByText(/^Imported 1 binding, 1 target/).waitFor();

  const target = await getDb().cloudTarget.findFirstOrThrow({
    where: { config: { path: ["identityName"], equals: azureUnmanaged.identity.name } },
    select: { id: true, name: true, config: true },
  });
  const binding = await getDb().binding.findFirstOrThrow({
    where: { targetId: target.id, name: azureUnmanaged.identityFic.name },
    select: { id: true, name: true, owned: true },
  });
  if (!binding.owned) throw new Error("an imported binding should be Fedlens's");
  return {
    bindingId: binding.id,
    bindingName: binding.name,
    targetId: target.id,
    targetName: target.name,
    identityId: uamiResourceId(target.config as TAzureUamiConfig),
  };
}

/** The FIC as the sandbox's emulated Azure holds it right now. */
export function emulatorFic(sandbox: Sandbox, owned: OwnedAzureBinding): FicProperties {
  const fic = sandbox.azure.store.fics(owned.identityId).find((f) => f.name === owned.bindingName);
  if (!fic) throw new Error(`the emulator holds no FIC named ${owned.bindingName}`);
  return fic.properties;
}

/** Changes the FIC's subject in the emulator only, as an edit in the Azure portal would. */
export function editFicInTheCloud(sandbox: Sandbox, owned: OwnedAzureBinding, subject: string) {
  const fic = sandbox.azure.store.fics(owned.identityId).find((f) => f.name === owned.bindingName);
  if (!fic) throw new Error(`the emulator holds no FIC named ${owned.bindingName}`);
  fic.properties = { ...fic.properties, subject };
}

/** Plans one target from /sync, by the name its option shows, and waits for the plan page. */
export async function planTarget(page: Page, targetName: string): Promise<string> {
  await page.goto("/sync");
  const scope = page.getByLabel("What to plan");
  const option = scope.getByRole("option", {
    name: new RegExp(`^${escapeRegExp(targetName)} \\(`),
  });
  const label = (await option.textContent()) ?? "";
  await scope.selectOption({ label });
  await page.getByRole("button", { name: "Plan", exact: true }).click();
  await waitForPath(page, new RegExp(`^/sync/${uuid}$`));
  await page.getByRole("heading", { name: "Sync plan", level: 1 }).waitFor();
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

/** One binding's change on a plan page: the list item that links to the binding. */
export function planOperation(page: Page, bindingName: string): Locator {
  return page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: bindingName, exact: true }) });
}

/** The plan's live status line (the Apply section's polite status). */
export function applyStatus(page: Page): Locator {
  return page.getByRole("region", { name: "Apply" }).getByRole("status");
}
