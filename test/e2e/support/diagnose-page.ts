// The /diagnose page as a person uses it, shared by the diagnose browser tests.
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { TBinding } from "@/lib/schemas/binding";
import { createTestUser } from "../../factories/users";
import { baseURL, launchBrowser, openPage, signIn, waitForPath } from "./browser";

/** The "Diagnose" entry of the main navigation, as a person gets there. */
export async function openDiagnose(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Diagnose" })
    .click();
  await waitForPath(page, "/diagnose");
  await page.getByRole("heading", { name: "Diagnose a token", level: 1 }).waitFor();
}

export const tokenBox = (page: Page) => page.getByRole("textbox", { name: "Token" });

export type Submit = "the Diagnose button" | "Ctrl+Enter";

/** Puts `text` in the box (through the clipboard when `paste`), submits, returns the API's status. */
export async function send(page: Page, text: string, how: Submit, paste = false): Promise<number> {
  const box = tokenBox(page);
  if (paste) {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: baseURL(),
    });
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await box.focus();
    await page.keyboard.press("ControlOrMeta+V");
  } else {
    await box.fill(text);
  }
  expect(await box.inputValue()).toBe(text);
  const response = page.waitForResponse((answer) => answer.url().endsWith("/api/v1/diagnose"));
  if (how === "Ctrl+Enter") await box.press("Control+Enter");
  else await page.getByRole("button", { name: "Diagnose" }).click();
  return (await response).status();
}

const verdictPattern = /^\W*(Accepted but broad|Accepted|Rejected|Undecided)$/;

/** The one verdict badge of a binding's card, in words. */
export async function verdictOf(card: Locator): Promise<string | undefined> {
  const badge = card.getByText(verdictPattern);
  expect(await badge.count()).toBe(1);
  return (await badge.textContent())?.match(verdictPattern)?.[1];
}

export function card(page: Page, cloud: "Azure" | "AWS" | "GCP", binding: TBinding): Locator {
  return page
    .getByRole("region", { name: cloud, exact: true })
    .getByRole("article", { name: binding.name });
}

/** The check that decides the verdict in the card's "Checks for …" list. */
export function decisiveCheck(article: Locator, binding: TBinding): Locator {
  return article
    .getByRole("list", { name: `Checks for ${binding.name}` })
    .getByRole("listitem")
    .filter({ hasText: "decides the verdict" });
}

export type DiagnoseBrowser = {
  /** A new page signed in as the run's viewer or operator. */
  signedIn: (role: "viewer" | "operator") => Promise<Page>;
  close: () => Promise<void>;
};

/** One browser and one viewer and one operator for a diagnose test file. */
export async function startDiagnoseBrowser(): Promise<DiagnoseBrowser> {
  const users = {} as Record<"viewer" | "operator", { email: string; password: string }>;
  for (const role of ["viewer", "operator"] as const) {
    const { user, password } = await createTestUser({ role });
    users[role] = { email: user.email, password };
  }
  const browser = await launchBrowser();
  return {
    signedIn: async (role) => {
      const page = await openPage(browser);
      await signIn(page, users[role]);
      return page;
    },
    close: () => browser.close(),
  };
}
