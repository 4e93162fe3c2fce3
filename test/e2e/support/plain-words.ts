import type { Page } from "playwright-core";
import { assertPlainWords } from "../../support/plain-words";

/**
 * Fails if the page as rendered names an internal file (CLOUDS.md…) or a
 * field path (spec.…): what a person reads is the cloud's documentation and
 * the form's labels (CONVENTIONS 26).
 */
export async function expectPlainWords(page: Page, where: string): Promise<void> {
  assertPlainWords([await page.locator("body").innerText()], where);
}
