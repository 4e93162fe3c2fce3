import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { addUserWithCli } from "./support/data";
import { expectPlainWords } from "./support/plain-words";
import {
  applyStatus,
  editFicInTheCloud,
  emulatorFic,
  importUnmanagedAzureIdentity,
  planOperation,
  planTarget,
  type OwnedAzureBinding,
} from "./support/sync-sandbox";

// Issue 13 end to end on the sandbox: an operator edits a binding Fedlens
// owns, plans its target, reads the difference, applies it after confirming
// and watches it land; the console's own worker writes to the sandbox's
// emulated Azure. Then the cloud is edited behind Fedlens's back and a check
// from the binding page reports the drift. A viewer reads the same plan
// without an Apply button. The sandbox runs in this process, as in the
// sandbox test, so the test can look into and change the emulator.

let browser: Browser;
let operator: Page;
let viewer: Page;
let sandbox: Sandbox;
let owned: OwnedAzureBinding;
let planId: string;
let originalSubject: string;

const editedSubject = "repo:contoso/reporting:ref:refs/heads/release";
const portalSubject = "repo:contoso/reporting:environment:edited-in-the-portal";

beforeAll(async () => {
  await seedDemo();
  sandbox = await startSandbox({ keyring: await loadSecretKeyring() });
  browser = await launchBrowser();
  const [operatorUser, viewerUser] = [
    await addUserWithCli("operator"),
    await addUserWithCli("viewer"),
  ];
  operator = await openPage(browser);
  await signIn(operator, operatorUser);
  viewer = await openPage(browser);
  await signIn(viewer, viewerUser);
  owned = await importUnmanagedAzureIdentity(operator, sandbox);
  originalSubject = emulatorFic(sandbox, owned).subject ?? "";
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe("sync apply on the sandbox", () => {
  it("shows the edited subject as an update on the target's plan, nothing written yet", async () => {
    await operator.goto(`/bindings/${owned.bindingId}`);
    await operator.getByRole("link", { name: "Edit" }).click();
    const subject = operator.getByLabel("Subject", { exact: true });
    expect(await subject.inputValue()).toBe(originalSubject);
    await subject.fill(editedSubject);
    await operator.getByRole("button", { name: "Save changes" }).click();
    await operator.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    planId = await planTarget(operator, owned.targetName);
    const change = planOperation(operator, owned.bindingName);
    await change.getByText("Update", { exact: true }).waitFor();
    await change.getByText("to apply", { exact: true }).waitFor();
    const row = change.getByRole("row").filter({ hasText: editedSubject });
    expect(await row.textContent()).toContain(originalSubject);
    await change.getByText(/^Call: createOrUpdate federated identity credential /).waitFor();
    await applyStatus(operator).filter({ hasText: "Not applied yet." }).waitFor();
    expect(emulatorFic(sandbox, owned).subject).toBe(originalSubject);
    await expectPlainWords(operator, "the sync plan");
  });

  it("lets a viewer read the plan but offers no Apply button", async () => {
    await viewer.goto(`/sync/${planId}`);
    const change = planOperation(viewer, owned.bindingName);
    await change.getByRole("row").filter({ hasText: editedSubject }).waitFor();
    // The status line and the button come from the same island: once the
    // line has rendered, a button an operator sees would be there too.
    await applyStatus(viewer).filter({ hasText: "Applying needs the operator role." }).waitFor();
    expect(await viewer.getByRole("button", { name: /^Apply\b/ }).count()).toBe(0);
    expect(await operator.getByRole("button", { name: "Apply 1 change" }).count()).toBe(1);
  });

  it("applies after confirming, live to applied, and the binding is in sync", async () => {
    // By keyboard: the dialog opens on Cancel, so Enter alone writes nothing.
    await operator.getByRole("button", { name: "Apply 1 change" }).focus();
    await operator.keyboard.press("Enter");
    const dialog = operator.getByRole("dialog", { name: "Write these changes to the clouds?" });
    await dialog.waitFor();
    const focused = operator.locator(":focus");
    expect(await focused.textContent()).toBe("Cancel");
    await operator.keyboard.press("Tab");
    expect(await focused.textContent()).toBe("Apply");
    await operator.keyboard.press("Enter");

    // Polled so that a failure shows what the status line said instead.
    await expect
      .poll(async () => (await applyStatus(operator).textContent())?.trim(), { timeout: 30_000 })
      .toMatch(/^Applied: .* their bindings are in sync\. 1 applied\. Approved by /);
    const change = planOperation(operator, owned.bindingName);
    await change.getByText("applied", { exact: true }).waitFor();
    await change.getByText("In the cloud when planned", { exact: true }).waitFor();
    expect(await operator.getByRole("button", { name: /^Apply \d/ }).count()).toBe(0);
    expect(emulatorFic(sandbox, owned).subject).toBe(editedSubject);

    const binding = await getDb().binding.findUniqueOrThrow({
      where: { id: owned.bindingId },
      select: { syncState: true },
    });
    expect(binding.syncState).toBe("in_sync");
    await operator.goto(`/bindings/${owned.bindingId}`);
    await operator.getByRole("heading", { name: owned.bindingName, level: 1 }).waitFor();
    await operator.getByText("In sync", { exact: true }).first().waitFor();
    expect(await operator.getByText("Drifted", { exact: true }).count()).toBe(0);

    // Planned again, the target has nothing left to do.
    await planTarget(operator, owned.targetName);
    await operator.getByRole("heading", { name: "Everything is in sync" }).waitFor();
    expect(await operator.getByRole("button", { name: /^Apply \d/ }).count()).toBe(0);
  });

  it("reports drift after the cloud is edited behind Fedlens's back and Check now", async () => {
    // Starts from the applied state, so "Drifted" is the portal edit's doing.
    expect(emulatorFic(sandbox, owned).subject).toBe(editedSubject);
    editFicInTheCloud(sandbox, owned, portalSubject);
    await operator.goto(`/bindings/${owned.bindingId}`);
    await operator.getByRole("heading", { name: owned.bindingName, level: 1 }).waitFor();
    await operator.getByRole("button", { name: "Check now" }).click();
    await operator.getByText("Drifted", { exact: true }).first().waitFor({ timeout: 30_000 });
    const row = operator.getByRole("row").filter({ hasText: portalSubject });
    expect(await row.textContent()).toContain(editedSubject);
    const binding = await getDb().binding.findUniqueOrThrow({
      where: { id: owned.bindingId },
      select: { syncState: true },
    });
    expect(binding.syncState).toBe("drifted");
  });
});
