import { createHash, randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import type { TBinding } from "@/lib/schemas/binding";
import type { TIssuer } from "@/lib/schemas/issuer";
import {
  awsSpec,
  azureAudience,
  azureSpec,
  createTestBinding,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
  uniqueSuffix,
} from "../factories/catalog";
import {
  aksIssuerUrl,
  aksServiceAccountClaims,
  githubActionsClaims,
  githubActionsIssuer,
  startOidcIssuer,
  type OidcIssuer,
} from "../support/oidc-issuer";
import { baseURL } from "./support/browser";
import { escapeRegExp } from "./support/catalog";
import {
  card,
  decisiveCheck,
  openDiagnose,
  send,
  startDiagnoseBrowser,
  tokenBox,
  verdictOf,
  type DiagnoseBrowser,
} from "./support/diagnose-page";
import { expectPlainWords } from "./support/plain-words";

// Issue 4 item 6: tokens signed at test time by a real issuer on loopback,
// pasted into /diagnose through the browser, and the verdict cards read as a
// person (or a screen reader) would. The console fetches the issuer's keys
// itself: global-setup allow-lists 127.0.0.1 for it.

const owner = "contoso";
const repo = `web-${uniqueSuffix()}`;
const aksTokenIssuer = aksIssuerUrl("westeurope");
const aksCatalogued = aksTokenIssuer.slice(0, -1);

let oidc: OidcIssuer;
let session: DiagnoseBrowser;
let github: TIssuer;
let aks: TIssuer;
const bindings = {} as Record<"azure" | "aws" | "gcp" | "aks", TBinding>;

/** An https issuer whose keys the console fetches from the loopback issuer's JWKS override. */
function catalogue(issuerUrl: string, kind: IssuerKind, name: string): Promise<TIssuer> {
  return createIssuer({
    actor: systemActor("e2e-diagnose"),
    requestId: randomUUID(),
    input: { name, issuerUrl, kind, jwksUri: oidc.jwksUri },
  });
}

beforeAll(async () => {
  oidc = await startOidcIssuer();
  github = await catalogue(githubActionsIssuer, "github-actions", `GitHub ${uniqueSuffix()}`);
  aks = await catalogue(aksCatalogued, "kubernetes-aks", `AKS westeurope ${uniqueSuffix()}`);
  const workload = await createTestWorkload({
    issuer: github,
    subjectSpec: { kind: "github", owner, repo, trigger: "branch", name: "main" },
  });
  // One audience all three clouds accept, so a single token reaches every rule that matters.
  const audiences = [azureAudience];
  const provider = { url: githubActionsIssuer, clientIds: audiences, thumbprints: [] };
  const awsRole = await createTestTarget("aws-role", { config: { oidcProviders: [provider] } });
  const gcpProvider = await createTestTarget("gcp-provider", {
    config: { allowedAudiences: audiences },
  });
  bindings.azure = await createTestBinding({
    workload,
    target: await createTestTarget("azure-uami"),
    spec: azureSpec(workload),
  });
  bindings.aws = await createTestBinding({
    workload,
    target: awsRole,
    spec: awsSpec(workload, {
      builder: { audiences, subjectOperator: "StringEquals", subjects: [], extraConditions: [] },
    }),
  });
  bindings.gcp = await createTestBinding({ workload, target: gcpProvider, spec: gcpSpec() });
  const aksWorkload = await createTestWorkload({
    issuer: aks,
    subjectSpec: { kind: "kubernetes", namespace: "wkldid", serviceAccount: "sawkldid" },
  });
  bindings.aks = await createTestBinding({
    workload: aksWorkload,
    target: await createTestTarget("azure-uami"),
    spec: azureSpec(aksWorkload),
  });
  session = await startDiagnoseBrowser();
});

afterAll(async () => {
  await session?.close();
  await oidc?.stop();
});

describe.each([
  { role: "viewer", how: "the Diagnose button", paste: true, via: "pasted, the Diagnose button" },
  { role: "operator", how: "Ctrl+Enter", paste: false, via: "typed in, Ctrl+Enter" },
] as const)("a $role's GitHub pull_request token ($via)", ({ role, how, paste }) => {
  let page: Page;
  let token = "";
  let urlBefore = "";
  const requests: { url: string; body: string | null }[] = [];

  beforeAll(async () => {
    page = await session.signedIn(role);
    await openDiagnose(page);
    const claims = githubActionsClaims({
      owner,
      repo,
      trigger: "pull_request",
      aud: azureAudience,
    });
    token = await oidc.mint(claims);
    page.on("request", (request) =>
      requests.push({ url: request.url(), body: request.postData() }),
    );
    urlBefore = page.url();
    expect(await send(page, token, how, paste)).toBe(200);
    await page.getByRole("heading", { name: "Diagnosis", level: 2 }).waitFor();
  });

  it("empties the box and moves the focus to the diagnosis", async () => {
    expect(await tokenBox(page).inputValue()).toBe("");
    await page
      .getByRole("heading", { name: "Diagnosis", exact: true })
      .and(page.locator(":focus"))
      .waitFor();
    await page.getByRole("status").getByText("The token was cleared from the box.").waitFor();
  });

  it("sends the token once in a POST body and leaves it in no URL, page text or storage", async () => {
    expect(page.url()).toBe(urlBefore);
    const carrying = requests.filter((request) => request.body?.includes(token));
    expect(carrying.map((request) => request.url)).toEqual([`${baseURL()}/api/v1/diagnose`]);
    expect(requests.filter((request) => request.url.includes(token.split(".")[2]!))).toEqual([]);
    const content = await page.content();
    for (const part of [token, ...token.split(".")]) expect(content).not.toContain(part);
    const stored = await page.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]),
    );
    expect(stored).not.toContain(token.split(".")[2]);
    expect(stored).not.toContain(token);
  });

  it("adds the diagnosis to the user's history by hash and claims", async () => {
    const sha256 = createHash("sha256").update(token).digest("hex");
    const row = page
      .getByRole("table", { name: "Your recent diagnoses" })
      .getByRole("row")
      .filter({ hasText: `${sha256.slice(0, 12)}…` });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(`repo:${owner}/${repo}:pull_request`);
    expect(text).toContain("valid");
    expect(text).toContain("1 accepted, 2 rejected");
  });

  it("says the signature is valid, checked against the catalogued issuer by name", async () => {
    const region = page.getByRole("region", { name: "Signature", exact: true });
    await region.getByText(/^\W*Valid$/).waitFor();
    await region.getByText("The signature matches the issuer's key.").waitFor();
    const link = region.getByRole("link", { name: github.name, exact: true });
    expect(await link.getAttribute("href")).toBe(`/issuers/${github.id}`);
    await region.getByText(oidc.currentKey().kid, { exact: true }).waitFor();
    await region.getByText(oidc.jwksUri, { exact: true }).waitFor();
  });

  it("shows the issuer, the timeline and the decoded claims", async () => {
    const issuer = page.getByRole("region", { name: "Issuer", exact: true });
    await issuer.getByText(", an exact match.", { exact: false }).waitFor();
    expect(await issuer.getByRole("link").allTextContents()).toEqual([github.name]);
    await page
      .getByRole("region", { name: "Timeline", exact: true })
      .getByText("The token was within its validity window when diagnosed.", { exact: false })
      .waitFor();
    const decoded = page.getByRole("region", { name: "Decoded token", exact: true });
    await decoded
      .getByText("The signature is valid: the issuer's key vouches", { exact: false })
      .waitFor();
    const sub = decoded
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "sub", exact: true }) });
    expect(await sub.textContent()).toContain(`repo:${owner}/${repo}:pull_request`);
    const others = page.getByRole("region", {
      name: "Other issuers in the catalogue",
      exact: true,
    });
    expect(await others.getByRole("link").allTextContents()).toEqual([aks.name]);
  });

  it("summarises three bindings: one accepts only through a broad trust", async () => {
    await page
      .getByText(
        "3 bindings evaluated: 1 would accept this token (1 only through a broad trust), 2 would reject it.",
        { exact: true },
      )
      .waitFor();
  });

  it("rejects at the branch-pinned Azure FIC with AADSTS700213 and the pull_request hint", async () => {
    const article = card(page, "Azure", bindings.azure);
    expect(await verdictOf(article)).toBe("Rejected");
    const answer = article.getByRole("group", { name: "Azure's answer" });
    expect(await answer.textContent()).toMatch(
      new RegExp(
        `^Azure would answer AADSTS700213 at the subject check.*subject '${escapeRegExp(`repo:${owner}/${repo}:pull_request`)}'`,
      ),
    );
    const check = decisiveCheck(article, bindings.azure);
    expect(await check.count()).toBe(1);
    expect(await check.textContent()).toMatch(/^\W*FailSubject/);
    expect(await check.textContent()).toContain("Hint: The token came from a pull_request event");
    // The stretch that differs is highlighted on each side, not a scatter of letters.
    expect(await check.locator("mark").allTextContents()).toEqual([
      "ref:refs/heads/main",
      "pull_request",
    ]);
  });

  it("accepts at the AWS role whose trust checks only aud, marked broad", async () => {
    const article = card(page, "AWS", bindings.aws);
    expect(await verdictOf(article)).toBe("Accepted but broad");
    await article.getByText(/^Broad trust: .*any GitHub Actions repository/).waitFor();
    expect(await article.getByRole("group", { name: "AWS's answer" }).count()).toBe(0);
    expect(await decisiveCheck(article, bindings.aws).count()).toBe(0);
  });

  it("rejects at the GCP grant, whose principal pins the branch, with PERMISSION_DENIED", async () => {
    const article = card(page, "GCP", bindings.gcp);
    expect(await verdictOf(article)).toBe("Rejected");
    expect(await article.getByRole("group", { name: "GCP's answer" }).textContent()).toMatch(
      /^GCP would answer PERMISSION_DENIED at the service account access check/,
    );
  });

  it("links sources to the cloud's docs and names no internal file or field path", async () => {
    const source = card(page, "Azure", bindings.azure).getByRole("link", { name: /^Microsoft / });
    expect(await source.first().getAttribute("href")).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    await expectPlainWords(page, "the diagnosis");
    await page.goto(`/bindings/${bindings.aws.id}`);
    await page.getByRole("heading", { name: bindings.aws.name, level: 1 }).waitFor();
    await expectPlainWords(page, "the broad AWS binding's page, with its warnings");
  });
});

describe("a viewer's tokens that go wrong", () => {
  let page: Page;

  beforeAll(async () => {
    page = await session.signedIn("viewer");
  });

  it("finds the AKS FIC without the token's trailing slash as a near miss, AADSTS700211", async () => {
    await openDiagnose(page);
    const claims = aksServiceAccountClaims({
      issuer: aksTokenIssuer,
      namespace: "wkldid",
      serviceAccount: "sawkldid",
    });
    expect(await send(page, await oidc.mint(claims), "the Diagnose button")).toBe(200);

    const signature = page.getByRole("region", { name: "Signature", exact: true });
    await signature.getByText(/^\W*Unverifiable$/).waitFor();
    // The reason is said in words; its code is for the API, not the page.
    expect(await signature.getByText("issuer_not_catalogued").count()).toBe(0);
    const near = page.getByRole("list", { name: "Near-miss issuers" });
    expect(await near.getByRole("link").allTextContents()).toEqual([aks.name]);

    const article = card(page, "Azure", bindings.aks);
    await article.getByText("Near miss issuer", { exact: true }).waitFor();
    expect(await verdictOf(article)).toBe("Rejected");
    expect(await article.getByRole("group", { name: "Azure's answer" }).textContent()).toMatch(
      /^Azure would answer AADSTS700211 at the issuer check/,
    );
    const check = decisiveCheck(article, bindings.aks);
    expect(await check.textContent()).toMatch(/^\W*FailIssuer/);
    // Only the slash is highlighted, and the text says where it is.
    expect(await check.locator("mark").allTextContents()).toEqual(["/"]);
    expect(await check.textContent()).toContain(
      `Differs at character ${aksCatalogued.length + 1}, actual has an extra “/”.`,
    );
    expect(await check.textContent()).toContain(
      "The token's issuer ends with '/' and the credential's does not",
    );
  });
});
