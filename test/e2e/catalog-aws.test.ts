import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { descriptionOf, launchBrowser, signInAsNewAdmin, waitForPath } from "./support/browser";
import {
  addGithubIssuer,
  fillGithubSubject,
  githubIssuerUrl,
  idFrom,
  jsonBlock,
  jsonIn,
  openTargetForm,
  pickBindingParties,
  randomDigits,
  resultingSub,
  submitWorkload,
  uniqueSuffix,
  uuidPath,
  waitForExactText,
} from "./support/catalog";

// A new admin, through the browser alone: a workload for a repository's main
// branch, the IAM role that should trust it with the account's GitHub OIDC
// provider, one statement of the role's trust policy built with StringLike,
// an edit adding a job_workflow_ref condition, and a raw statement refused
// for a duplicate key. The steps share these entries and run in order.

const suffix = uniqueSuffix();
const issuerName = `GitHub Actions ${suffix}`;
const owner = `contoso-${suffix}`;
const repo = "infra-deploy";
const workloadName = `Infra deploy ${suffix} main`;
const subject = `repo:${owner}/${repo}:ref:refs/heads/main`;
const repoPattern = `repo:${owner}/${repo}:*`;
const accountId = randomDigits(12);
const roleName = `gh-deploy-${suffix}`;
const targetName = `role-${roleName}`;
const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
const providerArn = `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`;
const sid = `InfraDeploy${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}Main`;
const providerKey = "token.actions.githubusercontent.com";
const workflowRef = `${owner}/${repo}/.github/workflows/deploy.yml@refs/heads/main`;

const statement = {
  Sid: sid,
  Effect: "Allow",
  Principal: { Federated: providerArn },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: {
    StringEquals: { [`${providerKey}:aud`]: "sts.amazonaws.com" },
    StringLike: { [`${providerKey}:sub`]: repoPattern },
  },
};

let browser: Browser;
let page: Page;
let targetId = "";
let bindingId = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signInAsNewAdmin(browser));
});

afterAll(async () => {
  await browser?.close();
});

describe("an AWS trust statement built in the browser", () => {
  it("adds the GitHub issuer and a workload for the repository's main branch", async () => {
    await addGithubIssuer(page, issuerName);
    await page.goto("/workloads/new");
    await fillGithubSubject(page, {
      owner,
      repo,
      trigger: "Push to a branch",
      refLabel: "Branch",
      ref: "main",
    });
    expect(await waitForExactText(resultingSub(page), subject)).toBe(subject);

    const workloadId = await submitWorkload(page, workloadName);
    const row = await getDb().workload.findUnique({ where: { id: workloadId } });
    expect(row).toMatchObject({ name: workloadName, subject });
  });

  it("shows the role ARN and the provider ARN live as the role is described", async () => {
    await openTargetForm(page, "AWS IAM role", "aws-role");
    const arn = page.getByRole("status", { name: "Role ARN" });
    const provider = page.getByRole("status", { name: "Provider 1 ARN" });
    await waitForExactText(arn, "arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME");

    // GitHub's provider is proposed with STS's audience.
    expect(await page.getByLabel("Provider 1 URL").inputValue()).toBe(githubIssuerUrl);
    expect(await page.getByLabel("Provider 1 client IDs").inputValue()).toBe("sts.amazonaws.com");
    expect(await page.getByLabel("Path").inputValue()).toBe("/");

    await page.getByLabel("Account ID").fill(accountId);
    await page.getByLabel("Role name").fill(roleName);
    expect(await waitForExactText(arn, roleArn)).toBe(roleArn);
    expect(await waitForExactText(provider, providerArn)).toBe(providerArn);
  });

  it("adds and removes a second provider with its own live ARN", async () => {
    await page.getByRole("button", { name: "Add provider" }).click();
    await page.getByLabel("Provider 2 URL").fill("https://gitlab.com");
    await waitForExactText(
      page.getByRole("status", { name: "Provider 2 ARN" }),
      `arn:aws:iam::${accountId}:oidc-provider/gitlab.com`,
    );
    await page.getByRole("button", { name: "Remove provider 2" }).click();
    await page.getByLabel("Provider 2 URL").waitFor({ state: "detached" });
  });

  it("saves the role with GitHub's provider", async () => {
    await page.getByLabel("Name", { exact: true }).fill(targetName);
    await page.getByRole("button", { name: "Add target" }).click();
    await waitForPath(page, uuidPath("targets"));
    targetId = idFrom(page);

    const row = await getDb().cloudTarget.findUnique({ where: { id: targetId } });
    expect(row).toMatchObject({
      name: targetName,
      externalId: roleArn,
      config: {
        accountId,
        roleName,
        path: "/",
        oidcProviders: [
          { url: githubIssuerUrl, clientIds: ["sts.amazonaws.com"], thumbprints: [] },
        ],
      },
    });
    await page.getByRole("heading", { name: targetName, level: 1 }).waitFor();
    await page.getByText(providerArn, { exact: true }).waitFor();
  });

  it("proposes the Sid, the provider, STS's audience and the workload's subject", async () => {
    await pickBindingParties(
      page,
      `${workloadName} (${issuerName})`,
      `${targetName} (AWS IAM role)`,
    );
    expect(await page.getByLabel("Statement id (Sid)").inputValue()).toBe(sid);
    expect(await page.getByLabel("IAM OIDC provider").inputValue()).toBe(githubIssuerUrl);
    expect(await page.getByLabel("The builder").isChecked()).toBe(true);
    expect(await page.getByLabel("Audiences (aud), one per line").inputValue()).toBe(
      "sts.amazonaws.com",
    );
    expect(await page.getByLabel("Subject operator").inputValue()).toBe("StringEquals");
    expect(await page.getByLabel("Subjects (sub), one per line").inputValue()).toBe(subject);
  });

  it("shows the StringLike statement live as the builder changes", async () => {
    await page.getByLabel("Subject operator").selectOption("StringLike");
    await page.getByLabel("Subjects (sub), one per line").fill(repoPattern);
    const preview = jsonBlock(page, "Trust policy statement");
    expect(await jsonIn(preview, repoPattern)).toEqual(statement);
  });

  it("saves the binding and shows the statement, the role and the whole trust policy", async () => {
    await page.getByRole("button", { name: "Add binding" }).click();
    await waitForPath(page, uuidPath("bindings"));
    bindingId = idFrom(page);
    await page.getByRole("heading", { name: sid, level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    for (const value of [roleArn, providerArn]) {
      await page.getByText(value, { exact: true }).first().waitFor();
    }
    expect(await jsonIn(jsonBlock(page, "Statement"), repoPattern)).toEqual(statement);
    expect(await jsonIn(jsonBlock(page, "Trust policy"), repoPattern)).toEqual({
      Version: "2012-10-17",
      Statement: [statement],
    });
  });

  it("edits the binding to add a job_workflow_ref condition and shows it in the statement", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await waitForPath(page, `/bindings/${bindingId}/edit`);
    expect(await page.getByLabel("Subject operator").inputValue()).toBe("StringLike");
    await page.getByRole("button", { name: "Add condition" }).click();
    const condition = page.getByRole("group", { name: "Condition 1" });
    expect(await condition.getByLabel("Operator").inputValue()).toBe("StringEquals");
    await condition.getByLabel("Claim").fill("job_workflow_ref");
    await condition.getByLabel("Values, one per line").fill(workflowRef);
    await page.getByRole("button", { name: "Save changes" }).click();

    await waitForPath(page, `/bindings/${bindingId}`);
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const edited = {
      ...statement,
      Condition: {
        StringEquals: {
          [`${providerKey}:aud`]: "sts.amazonaws.com",
          [`${providerKey}:job_workflow_ref`]: workflowRef,
        },
        StringLike: { [`${providerKey}:sub`]: repoPattern },
      },
    };
    expect(await jsonIn(jsonBlock(page, "Statement"), workflowRef)).toEqual(edited);
    const row = await getDb().binding.findUnique({ where: { id: bindingId } });
    expect(row?.version).toBe(2);
  });

  it("refuses a raw statement with a duplicate key and keeps it unsaved", async () => {
    await pickBindingParties(
      page,
      `${workloadName} (${issuerName})`,
      `${targetName} (AWS IAM role)`,
    );
    // The role already holds the first binding's Sid.
    const rawSid = await page.getByLabel("Statement id (Sid)").inputValue();
    expect(rawSid).toBe(`${sid}2`);
    await page.getByLabel("Raw JSON").check();
    const raw = page.getByLabel("Statement JSON");
    expect(await raw.inputValue()).toContain(`"Sid": "${rawSid}"`);

    // The second sub key would silently replace the first in IAM.
    const duplicated = `{
  "Sid": "${rawSid}",
  "Effect": "Allow",
  "Principal": { "Federated": "${providerArn}" },
  "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {
    "StringLike": {
      "${providerKey}:sub": "${repoPattern}",
      "${providerKey}:sub": "*"
    }
  }
}`;
    await raw.fill(duplicated);
    await page.locator("#aws-statement-error").waitFor();
    expect(await descriptionOf(raw)).toMatch(
      /duplicate key "token\.actions\.githubusercontent\.com:sub"/,
    );

    await page.getByRole("button", { name: "Add binding" }).click();
    // The server's answer: the form's own alert (not the router's announcer).
    await page.locator("form").getByRole("alert").waitFor();
    expect(new URL(page.url()).pathname).toBe("/bindings/new");
    expect(await raw.inputValue()).toBe(duplicated);
    expect(await descriptionOf(raw)).toMatch(/duplicate key/);
    expect(await getDb().binding.count({ where: { targetId } })).toBe(1);
  });
});
