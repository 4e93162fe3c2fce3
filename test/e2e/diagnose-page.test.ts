import { randomUUID } from "node:crypto";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import type { TIssuer } from "@/lib/schemas/issuer";
import {
  azureAudience,
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
  uniqueSuffix,
} from "../factories/catalog";
import {
  githubActionsClaims,
  githubActionsIssuer,
  startOidcIssuer,
  type OidcIssuer,
} from "../support/oidc-issuer";
import { descriptionOf } from "./support/browser";
import {
  openDiagnose,
  send,
  startDiagnoseBrowser,
  tokenBox,
  type DiagnoseBrowser,
} from "./support/diagnose-page";

// The /diagnose page around the verdicts (issue 4 items 2 and 4): what a
// person sees for input that is not a token, and the issuer's signing-key
// health that every signature check relies on, with the operator's Check now.

const owner = "contoso";
const repo = `api-${uniqueSuffix()}`;

let oidc: OidcIssuer;
let session: DiagnoseBrowser;
let github: TIssuer;

beforeAll(async () => {
  oidc = await startOidcIssuer();
  github = await createIssuer({
    actor: systemActor("e2e-diagnose-page"),
    requestId: randomUUID(),
    input: {
      name: `GitHub keys ${uniqueSuffix()}`,
      issuerUrl: githubActionsIssuer,
      kind: "github-actions",
      jwksUri: oidc.jwksUri,
    },
  });
  session = await startDiagnoseBrowser();
});

afterAll(async () => {
  await session?.close();
  await oidc?.stop();
});

describe("a viewer's input that is not a token", () => {
  let page: Page;

  beforeAll(async () => {
    page = await session.signedIn("viewer");
  });

  it.each([
    {
      what: "an empty box",
      text: () => Promise.resolve("   "),
      status: null,
      message: "Paste a token to diagnose.",
    },
    {
      what: "a token with two parts",
      text: async () =>
        (await oidc.mint(githubActionsClaims({ owner, repo }))).split(".").slice(0, 2).join("."),
      status: 422,
      message:
        "The token has 2 parts separated by '.' (the signature part is missing); a signed JWT (JWS) has 3 and an encrypted one (JWE) 5.",
    },
    {
      what: "a 17,000-byte paste",
      // A real token trailed by garbage: the size alone must refuse it, before any parsing.
      text: async () => (await oidc.mint(githubActionsClaims({ owner, repo }))).padEnd(17_000, "A"),
      status: 413,
      message:
        "The token is 17,000 bytes; Fedlens accepts at most 16,384 bytes (16 KiB). Workload tokens are 1–3 KiB.",
    },
  ])("explains $what under the box", async ({ text, status, message }) => {
    await page.goto("/diagnose");
    const box = tokenBox(page);
    const seen: number[] = [];
    const onResponse = (answer: Response) => {
      if (answer.url().endsWith("/api/v1/diagnose")) seen.push(answer.status());
    };
    page.on("response", onResponse);
    const pasted = await text();
    await box.fill(pasted);
    await page.getByRole("button", { name: "Diagnose" }).click();

    const error = page.locator("#diagnose-token-error");
    await error.waitFor();
    page.off("response", onResponse);
    expect(await error.textContent()).toBe(message);
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(box)).toContain(message);
    expect(seen).toEqual(status === null ? [] : [status]);
    // A paste refused as not a usable token stays in the box to be fixed (issue 11 item 8).
    expect(await box.inputValue()).toBe(pasted);
    expect(await page.getByRole("heading", { name: "Diagnosis", exact: true }).count()).toBe(0);
  });

  it("keeps a malformed paste with its failing character marked, and clears it once it is fixed and diagnosed", async () => {
    await page.goto("/diagnose");
    const token = await oidc.mint(githubActionsClaims({ owner, repo }));
    const [h = "", p = "", sig = ""] = token.split(".");
    const broken = `Bearer ${h}.${p.slice(0, 8)}+${p.slice(9)}.${sig}`;
    const position = h.length + 10;

    expect(await send(page, broken, "the Diagnose button")).toBe(422);

    const box = tokenBox(page);
    const marked = page.getByLabel(`position ${position}`, { exact: true });
    await marked.waitFor();
    expect(await marked.textContent()).toBe("+");
    expect(await box.inputValue()).toBe(broken);
    const selection = await box.evaluate((area: HTMLTextAreaElement) => [
      area.selectionStart,
      area.selectionEnd,
    ]);
    expect(selection).toEqual(["Bearer ".length + position - 1, "Bearer ".length + position]);
    await page
      .getByRole("status")
      .getByText(/the paste is kept in the box/)
      .waitFor();

    expect(await send(page, token, "Ctrl+Enter")).toBe(200);
    await page.getByRole("heading", { name: "Diagnosis", level: 2 }).waitFor();
    expect(await box.inputValue()).toBe("");
    expect(await marked.count()).toBe(0);
  });

  it("shows the protected header of an encrypted token (JWE)", async () => {
    await page.goto("/diagnose");
    const b64u = (value: object | string) =>
      Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
    const kid = `jwe-${uniqueSuffix()}`;
    const jwe = [b64u({ alg: "RSA-OAEP-256", enc: "A256GCM", kid }), "a", "b", "c", "d"]
      .map((part, index) => (index === 0 ? part : b64u(`${part}-part-${index}`)))
      .join(".");

    expect(await send(page, jwe, "the Diagnose button")).toBe(422);

    const table = page.getByRole("table", { name: /Protected header/ });
    await table.waitFor();
    expect(await table.getByText("A256GCM", { exact: true }).count()).toBe(1);
    expect(await table.getByText(kid).count()).toBe(1);
    expect(await tokenBox(page).inputValue()).toBe(jwe);
  });

  it("shows a right-to-left override in the sub as its code point in the cloud's error and the history", async () => {
    const workload = await createTestWorkload({ issuer: github });
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("azure-uami"),
      spec: azureSpec(workload),
    });
    const sub = `repo:${owner}/\u202e${repo}:ref:refs/heads/main`;
    const shown = `repo:${owner}/⟨U+202E⟩${repo}:ref:refs/heads/main`;
    await page.goto("/diagnose");

    const token = await oidc.mint({
      ...githubActionsClaims({ owner, repo }),
      aud: azureAudience,
      sub,
    });
    expect(await send(page, token, "the Diagnose button")).toBe(200);

    const answer = page
      .getByRole("article", { name: binding.name })
      .getByRole("group", { name: /answer$/ });
    await answer.waitFor();
    expect(await answer.textContent()).toContain(`presented assertion subject '${shown}'`);
    expect(await answer.textContent()).not.toContain("\u202e");
    const history = page.getByRole("table", { name: "Your recent diagnoses" });
    await history.getByText(shown, { exact: true }).first().waitFor();
  });

  it("names the catalogued issuer a Cyrillic look-alike imitates, spelled out with escapes and punycode", async () => {
    await page.goto("/diagnose");
    const lookAlike = githubActionsIssuer.replace("token", "t\u043eken");
    const token = await oidc.mint({ ...githubActionsClaims({ owner, repo }), iss: lookAlike });

    expect(await send(page, token, "the Diagnose button")).toBe(200);

    const nearMisses = page.getByRole("list", { name: "Near-miss issuers" });
    const miss = nearMisses.getByRole("listitem").filter({ hasText: github.name });
    await miss.waitFor();
    await miss
      .getByText("looks the same but differs in look-alike or invisible characters")
      .waitFor();
    const spelled = await miss.getByLabel("Issuers spelled out").textContent();
    expect(spelled).toContain("https://t\\u043eken.actions.githubusercontent.com");
    expect(spelled).toContain("host xn--");
    expect(spelled).toContain("host token.actions.githubusercontent.com");
  });

  it("shows the issuer's signing keys, fetched by a diagnosis, without Check now", async () => {
    await openDiagnose(page);
    const token = await oidc.mint(githubActionsClaims({ owner, repo }));
    expect(await send(page, token, "the Diagnose button")).toBe(200);
    await page.goto(`/issuers/${github.id}`);
    const keys = page.getByRole("region", { name: "Signing keys", exact: true });
    await keys.getByRole("list", { name: "Key ids" }).waitFor();
    expect(await keys.getByRole("button", { name: "Check now" }).count()).toBe(0);
  });
});

describe("an operator's Check now on the issuer page", () => {
  it("fetches the keys at once and shows the new count", async () => {
    const page = await session.signedIn("operator");
    await page.goto(`/issuers/${github.id}`);
    const keys = page.getByRole("region", { name: "Signing keys", exact: true });
    const kids = keys.getByRole("list", { name: "Key ids" }).getByRole("listitem");
    await kids.first().waitFor();
    expect(await kids.count()).toBe(1);
    const rotated = await oidc.rotate();
    const fetchesBefore = oidc.requestCount("/jwks");

    await keys.getByRole("button", { name: "Check now" }).click();

    const status = keys.getByRole("status");
    await status.filter({ hasText: /^Fetched 2 keys in \d+ ms\.$/ }).waitFor();
    expect(oidc.requestCount("/jwks")).toBe(fetchesBefore + 1);
    await kids.filter({ hasText: rotated.kid }).waitFor();
    expect(await kids.count()).toBe(2);
    await keys.getByText(/^2 keys, fetched/).waitFor();
  });
});
