import { randomInt, randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { createBinding } from "@/lib/catalog/bindings/create-binding";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import type { TBinding } from "@/lib/schemas/binding";
import type { TIssuer } from "@/lib/schemas/issuer";
import type { TTarget } from "@/lib/schemas/target";
import type { TWorkload } from "@/lib/schemas/workload";
import { createTestUser } from "../../factories/users";
import { waitForPath } from "./browser";

// Steps the catalogue's browser tests share: the forms an operator fills to
// describe a GitHub workload, the binding picker, and reading the JSON
// blocks the console shows (and copies) for the cloud.

export const githubIssuerUrl = "https://token.actions.githubusercontent.com";
export const uuidPath = (section: string) => new RegExp(`^/${section}/[0-9a-f-]{36}$`);

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

/** `length` random digits, never starting with 0 (an AWS account id, a GCP project number). */
export function randomDigits(length: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(0, 10));
  return digits;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The id in /section/ID of the current page. */
export function idFrom(page: Page): string {
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

/** Waits until the locator's whole text is exactly `text`, then returns it. */
export async function waitForExactText(locator: Locator, text: string): Promise<string> {
  await locator.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) }).waitFor();
  return (await locator.textContent())?.trim() ?? "";
}

/** Adds the GitHub Actions issuer through /issuers/new, whose defaults are GitHub's. */
export async function addGithubIssuer(page: Page, name: string): Promise<string> {
  await page.goto("/issuers/new");
  expect(await page.getByLabel("Kind").inputValue()).toBe("github-actions");
  expect(await page.getByLabel("Issuer URL").inputValue()).toBe(githubIssuerUrl);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Add issuer" }).click();
  await waitForPath(page, uuidPath("issuers"));
  await page.getByRole("heading", { name, level: 1 }).waitFor();
  return idFrom(page);
}

export type GithubTrigger =
  "Push to a branch" | "Push of a tag" | "Job in an environment" | "Pull request";

/** The live `sub` under the workload form's subject builder. */
export function resultingSub(page: Page): Locator {
  return page.getByRole("status", { name: "Resulting sub" });
}

/**
 * Fills the GitHub subject builder on /workloads/new. `refLabel` is the
 * label the trigger gives its name field (Branch, Tag or Environment).
 */
export async function fillGithubSubject(
  page: Page,
  subject: { owner: string; repo: string; trigger: GithubTrigger; refLabel?: string; ref?: string },
): Promise<void> {
  await page.getByLabel("Owner", { exact: true }).fill(subject.owner);
  await page.getByLabel("Repository", { exact: true }).fill(subject.repo);
  await page.getByLabel("Trigger").selectOption({ label: subject.trigger });
  if (subject.refLabel && subject.ref !== undefined) {
    await page.getByLabel(subject.refLabel, { exact: true }).fill(subject.ref);
  }
}

/**
 * Saves the workload form and returns the new workload's id once the browser
 * is sent to its page; what that page shows is for the caller to check.
 */
export async function submitWorkload(page: Page, name: string): Promise<string> {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add workload" }).click();
  await waitForPath(page, uuidPath("workloads"));
  return idFrom(page);
}

/** Opens the target form of one kind through the kind picker's card. */
export async function openTargetForm(page: Page, cardTitle: string, kind: string): Promise<void> {
  await page.goto("/targets/new");
  await page.getByRole("link", { name: new RegExp(`^${escapeRegExp(cardTitle)}`) }).click();
  await page.waitForURL((url) => url.searchParams.get("kind") === kind);
  await page.getByRole("heading", { name: `Add ${cardTitle}`, level: 1 }).waitFor();
}

/** Step 1 of /bindings/new with the two pickers, then the cloud's form. */
export async function pickBindingParties(
  page: Page,
  workloadOption: string,
  targetOption: string,
): Promise<void> {
  await page.goto("/bindings/new");
  await page.getByLabel("Workload").selectOption({ label: workloadOption });
  await page.getByLabel("Cloud target").selectOption({ label: targetOption });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(
    (url) => url.searchParams.has("workloadId") && url.searchParams.has("targetId"),
  );
  await page.getByRole("button", { name: "Add binding" }).waitFor();
}

/** A JsonBlock (figure with a caption and a Copy button) by its exact title. */
export function jsonBlock(scope: Page | Locator, title: string): Locator {
  return scope
    .locator("figure")
    .filter({ has: scope.locator("figcaption").getByText(title, { exact: true }) });
}

/** The block's JSON once its text contains `awaited` (the live previews re-render as one types). */
export async function jsonIn(block: Locator, awaited: string): Promise<unknown> {
  const pre = block.locator("pre");
  await pre.filter({ hasText: awaited }).waitFor();
  return JSON.parse((await pre.textContent()) ?? "");
}

/** The audit trail of one entry, with `action`'s row unfolded; returns the row. */
export async function auditRow(
  page: Page,
  entityType: string,
  entityId: string,
  action: string,
): Promise<Locator> {
  await page.goto(`/audit?entityType=${entityType}&entityId=${entityId}`);
  const row = page.getByRole("row").filter({ hasText: action });
  await row.waitFor();
  await row.getByText("Before / after").click();
  return row;
}

/** The cells of the diff row for `path` inside an unfolded audit row. */
export async function diffCells(row: Locator, path: string): Promise<string[]> {
  const diffRow = row
    .getByRole("row")
    .filter({ has: row.page().getByRole("cell", { name: path, exact: true }) });
  await diffRow.waitFor();
  return diffRow.getByRole("cell").allTextContents();
}

export type SeededCatalog = {
  issuer: TIssuer;
  workload: TWorkload;
  target: TTarget;
  binding: TBinding;
};

/**
 * An issuer, workload, Azure managed identity and binding made by a fresh
 * operator through the use-cases, for tests about who may see or change them.
 */
export async function seedAzureCatalog(suffix = uniqueSuffix()): Promise<SeededCatalog> {
  const { actor } = await createTestUser({ role: "operator" });
  const context = () => ({ actor, requestId: randomUUID() });
  const issuer = await createIssuer({
    ...context(),
    input: { name: `GitHub ${suffix}`, kind: "github-actions", issuerUrl: githubIssuerUrl },
  });
  const workload = await createWorkload({
    ...context(),
    input: {
      name: `payments-api ${suffix}`,
      issuerId: issuer.id,
      subjectSpec: {
        kind: "github",
        owner: `contoso-${suffix}`,
        repo: "payments-api",
        trigger: "environment",
        name: "production",
      },
    },
  });
  const target = await createTarget({
    ...context(),
    input: {
      name: `uami-payments-${suffix}`,
      kind: "azure-uami",
      config: {
        tenantId: randomUUID(),
        subscriptionId: randomUUID(),
        resourceGroup: "rg-payments",
        identityName: `uami-payments-${suffix}`,
        clientId: randomUUID(),
        principalId: randomUUID(),
      },
    },
  });
  const binding = await createBinding({
    ...context(),
    input: {
      workloadId: workload.id,
      targetId: target.id,
      spec: {
        cloud: "azure",
        name: `payments-${suffix}`,
        issuer: githubIssuerUrl,
        audiences: ["api://AzureADTokenExchange"],
        subject: workload.subject,
      },
    },
  });
  return { issuer, workload, target, binding };
}
