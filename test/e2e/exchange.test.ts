import { decodeJwt } from "jose";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";
import { refusedSandboxBinding, sandboxWorkloads } from "@/lib/sandbox/sandbox-issuer-estate";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import { loadSecretKeyring } from "@/lib/secrets/load-secret-keyring";
import { createTestUser } from "../factories/users";
import { launchBrowser, openPage, signIn } from "./support/browser";
import { send, tokenBox } from "./support/diagnose-page";

// Try exchange as a new user meets it in the sandbox: an operator asks a
// Sandbox workload's page for a sample token, pastes it on Diagnose and
// tries the exchange on a card: the sandbox cloud issues a credential (who
// for, its fingerprint, as predicted); on the binding whose subject has a
// typo it refuses, with the cloud's code, the cause and the fix. A viewer
// sees the diagnosis but no Try exchange. The sandbox runs in this process
// against the console's database; the console finds it through the data
// dir both share and reaches its emulators on loopback.

let browser: Browser;
let sandbox: Sandbox;
let operator: Page;
let token: string;
const users = {} as Record<"viewer" | "operator", { email: string; password: string }>;

beforeAll(async () => {
  await seedDemo();
  sandbox = await startSandbox({ keyring: await loadSecretKeyring() });
  for (const role of ["viewer", "operator"] as const) {
    const { user, password } = await createTestUser({ role });
    users[role] = { email: user.email, password };
  }
  browser = await launchBrowser();
  operator = await openPage(browser);
  await signIn(operator, users.operator);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function signedIn(role: "viewer" | "operator"): Promise<Page> {
  const page = await openPage(browser);
  await signIn(page, users[role]);
  return page;
}

async function openWorkload(page: Page, name: string): Promise<void> {
  const { id } = await getDb().workload.findUniqueOrThrow({
    where: { name },
    select: { id: true },
  });
  await page.goto(`/workloads/${id}`);
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

const awsCard = (page: Page, binding: string): Locator =>
  page
    .getByRole("region", { name: "AWS", exact: true })
    .getByRole("article", { name: binding, exact: true });

async function tryExchange(card: Locator): Promise<string> {
  await card.getByRole("button", { name: "Try exchange" }).click();
  const outcome = card.getByTestId("exchange-outcome");
  await outcome.waitFor({ timeout: 30_000 });
  return (await outcome.textContent()) ?? "";
}

describe("try exchange in the sandbox", () => {
  it("gives an operator a sample token for a Sandbox workload, shown once with a way to diagnose it", async () => {
    await openWorkload(operator, sandboxWorkloads.report.name);
    const sample = operator.getByRole("region", { name: "Sample token" });
    await sample
      .getByLabel("For the binding")
      .selectOption({ label: "NightlyReport (AWS, aws-sandbox-jobs)" });
    await sample.getByRole("button", { name: "Get sample token" }).click();
    const box = sample.getByRole("textbox", { name: "Sample token" });
    await box.waitFor();
    token = await box.inputValue();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: sandboxIssuerUrl,
      sub: sandboxWorkloads.report.subject,
      aud: "sts.amazonaws.com",
    });
    expect(claims.exp! - claims.iat!).toBe(600);
    await sample.getByRole("button", { name: "Copy token to clipboard" }).waitFor();
    const diagnose = sample.getByRole("link", { name: /^Diagnose it/ });
    expect(await diagnose.getAttribute("href")).toBe("/diagnose");
  });

  it("issues a credential for the pasted token on Try exchange, as predicted", async () => {
    const [diagnose] = await Promise.all([
      operator.context().waitForEvent("page"),
      operator.getByRole("link", { name: /^Diagnose it/ }).click(),
    ]);
    await diagnose.getByRole("heading", { name: "Diagnose a token", level: 1 }).waitFor();
    expect(await tokenBox(diagnose).inputValue()).toBe("");
    expect(await send(diagnose, token, "the Diagnose button", true)).toBe(200);
    const outcome = await tryExchange(awsCard(diagnose, "NightlyReport"));
    expect(outcome).toContain("The cloud issued a credential");
    expect(outcome).toContain("As predicted");
    expect(outcome).toMatch(/Identity\s*arn:aws:sts::\d{12}:assumed-role\/sandbox-jobs\//);
    expect(outcome).toMatch(/Fingerprint\s*[0-9a-f]{8}\s*\(the credential itself was discarded/);
    expect(outcome).toContain("Fedlens predicted the cloud would accept this token.");
    operator = diagnose;
  });

  it("shows the refusal of the binding whose subject has a typo, with its cause and fix", async () => {
    const outcome = await tryExchange(awsCard(operator, refusedSandboxBinding.name));
    expect(outcome).toContain("The cloud refused");
    expect(outcome).toContain("As predicted");
    expect(outcome).toMatch(/The cloud said\s*AccessDenied/);
    expect(outcome).toMatch(/Cause\s*\S.+Fix\s*\S/s);
    expect(outcome).toMatch(/Fedlens predicted a refusal/);
  });

  it("shows a viewer the diagnosis but no Try exchange, and no sample token", async () => {
    const viewer = await signedIn("viewer");
    await viewer.goto("/diagnose");
    expect(await send(viewer, token, "the Diagnose button")).toBe(200);
    const card = awsCard(viewer, "NightlyReport");
    await card.waitFor();
    expect(await card.getByText(/^\W*Accepted$/).count()).toBe(1);
    expect(await viewer.getByRole("button", { name: "Try exchange" }).count()).toBe(0);
    await openWorkload(viewer, sandboxWorkloads.report.name);
    expect(await viewer.getByRole("region", { name: "Sample token" }).count()).toBe(0);
  });
});
