// Issue 4 "Done when" (and a GCP provider beside them), end to end: tokens signed by a real issuer run at test
// time, catalogue rows made through the use-cases, POST /api/v1/diagnose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
} from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  aksIssuerUrl,
  aksServiceAccountClaims,
  githubActionsClaims,
  githubActionsIssuer,
  startOidcIssuer,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import {
  allowLoopbackIssuers,
  catalogueIssuer,
  checkNamed,
  diagnose,
  firstFailure,
  resultFor,
} from "./support";

allowLoopbackIssuers();

let issuer: OidcIssuer;
let github: TIssuer;
let viewerToken: string;

beforeAll(async () => {
  issuer = await startOidcIssuer();
  github = await catalogueIssuer(issuer, {
    issuerUrl: githubActionsIssuer,
    kind: "github-actions",
    name: "GitHub Actions",
  });
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

afterAll(() => issuer.stop());

async function githubWorkload(repo: string, branch = "main") {
  return createTestWorkload({
    issuer: github,
    subjectSpec: { kind: "github", owner: "contoso", repo, trigger: "branch", name: branch },
  });
}

describe("a GitHub pull_request token against a branch-pinned Azure FIC", () => {
  it("is rejected with AADSTS700213 and a hint naming the pull_request event", async () => {
    const repo = `web-${uniqueSuffix()}`;
    const workload = await githubWorkload(repo);
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("azure-uami"),
      spec: azureSpec(workload),
    });
    const claims = githubActionsClaims({
      owner: "contoso",
      repo,
      trigger: "pull_request",
      aud: azureAudience,
    });

    const diagnosis = await diagnose(await issuer.mint(claims), viewerToken);

    expect(diagnosis.signature).toMatchObject({ status: "valid", issuerId: github.id });
    const result = resultFor(diagnosis, binding.id);
    expect(result).toMatchObject({ cloud: "azure", issuerMatch: "exact" });
    expect(result.evaluation.accepted).toBe(false);
    expect(result.evaluation.cloudError).toEqual({
      code: "AADSTS700213",
      message: expect.stringContaining(`subject 'repo:contoso/${repo}:pull_request'`),
    });
    expect(firstFailure(result.evaluation)).toMatchObject({
      check: "subject",
      expected: `repo:contoso/${repo}:ref:refs/heads/main`,
      actual: `repo:contoso/${repo}:pull_request`,
      hint: expect.stringMatching(/^The token came from a pull_request event/),
    });
  });

  it("is accepted when the same repository pushes to the pinned branch", async () => {
    const repo = `web-${uniqueSuffix()}`;
    const workload = await githubWorkload(repo);
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("azure-uami"),
      spec: azureSpec(workload),
    });
    const claims = githubActionsClaims({ owner: "contoso", repo, aud: azureAudience });

    const diagnosis = await diagnose(await issuer.mint(claims), viewerToken);

    const { evaluation } = resultFor(diagnosis, binding.id);
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(evaluation.broad).toBeUndefined();
  });
});

describe("an AKS token whose issuer ends in '/' against a FIC without it", () => {
  it("finds the binding as a near miss and answers AADSTS700211 with the slash hint", async () => {
    const tokenIssuer = aksIssuerUrl("westeurope");
    const withoutSlash = tokenIssuer.slice(0, -1);
    const aks = await catalogueIssuer(issuer, { issuerUrl: withoutSlash, kind: "kubernetes-aks" });
    const workload = await createTestWorkload({
      issuer: aks,
      subjectSpec: { kind: "kubernetes", namespace: "wkldid", serviceAccount: "sawkldid" },
    });
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("azure-uami"),
      spec: azureSpec(workload),
    });
    const claims = aksServiceAccountClaims({
      issuer: tokenIssuer,
      namespace: "wkldid",
      serviceAccount: "sawkldid",
    });
    const requestsBefore = issuer.requestCount();

    // A viewer: the token's exact issuer is not catalogued, so no key is fetched for it.
    const diagnosis = await diagnose(await issuer.mint(claims), viewerToken);

    expect(issuer.requestCount()).toBe(requestsBefore);
    expect(diagnosis.claims["kubernetes.io"]).toMatchObject({
      namespace: "wkldid",
      serviceaccount: { name: "sawkldid" },
    });
    expect(diagnosis.issuer.exact).toBeNull();
    expect(diagnosis.issuer.nearMisses.map((near) => near.id)).toEqual([aks.id]);
    expect(diagnosis.signature).toMatchObject({
      status: "unverifiable",
      reason: "issuer_not_catalogued",
    });
    const result = resultFor(diagnosis, binding.id);
    expect(result).toMatchObject({ cloud: "azure", issuerMatch: "near", issuerUrl: withoutSlash });
    expect(result.evaluation.cloudError).toEqual({
      code: "AADSTS700211",
      message: expect.stringContaining(`issuer '${tokenIssuer}'`),
    });
    expect(firstFailure(result.evaluation)).toMatchObject({
      check: "issuer",
      expected: withoutSlash,
      actual: tokenIssuer,
      hint: expect.stringMatching(
        /^The token's issuer ends with '\/' and the credential's does not;.*AKS issuers end in '\/'/,
      ),
    });
  });
});

describe("an AWS trust with only an aud condition", () => {
  it.each([
    ["a repository of the owner", "contoso", `svc-${uniqueSuffix()}`],
    ["a stranger's repository", "mallory", "anything"],
  ])("accepts %s and marks the binding broad", async (_case, owner, repo) => {
    const workload = await githubWorkload(`infra-${uniqueSuffix()}`);
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("aws-role"),
      spec: awsSpec(workload, {
        builder: {
          audiences: ["sts.amazonaws.com"],
          subjectOperator: "StringEquals",
          subjects: [],
          extraConditions: [],
        },
      }),
    });
    const claims = githubActionsClaims({ owner, repo, aud: "sts.amazonaws.com" });

    const diagnosis = await diagnose(await issuer.mint(claims), viewerToken);

    const { evaluation } = resultFor(diagnosis, binding.id);
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(evaluation.broad?.reason).toMatch(
      /allows with no condition on token\.actions\.githubusercontent\.com:sub, :repository or :repository_id: any GitHub Actions repository/,
    );
    expect(checkNamed(evaluation, "signature").ok).toBe(true);
  });

  it("refuses a stranger's repository on a role whose trust pins the subject", async () => {
    const workload = await githubWorkload(`infra-${uniqueSuffix()}`);
    const binding = await createTestBinding({
      workload,
      target: await createTestTarget("aws-role"),
      spec: awsSpec(workload),
    });
    const claims = githubActionsClaims({ owner: "mallory", repo: "x", aud: "sts.amazonaws.com" });

    const diagnosis = await diagnose(await issuer.mint(claims), viewerToken);

    const { evaluation } = resultFor(diagnosis, binding.id);
    expect(evaluation).toMatchObject({
      accepted: false,
      cloudError: {
        code: "AccessDenied",
        message: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
      },
    });
    expect(firstFailure(evaluation)?.check).toBe("condition");
    expect(evaluation.broad).toBeUndefined();
  });
});

describe("a GitHub token against a GCP provider and a service account grant", () => {
  async function gcpGrant() {
    const workload = await githubWorkload(`api-${uniqueSuffix()}`);
    const target = await createTestTarget("gcp-provider");
    const binding = await createTestBinding({ workload, target, spec: gcpSpec() });
    const config = target.config as { projectNumber: string; poolId: string; providerId: string };
    const pool = `projects/${config.projectNumber}/locations/global/workloadIdentityPools/${config.poolId}`;
    return {
      workload,
      binding,
      audience: `https://iam.googleapis.com/${pool}/providers/${config.providerId}`,
      principal: `principal://iam.googleapis.com/${pool}/subject/${workload.subject}`,
    };
  }

  it("accepts the workload's own token, impersonating through its principal", async () => {
    const { workload, binding, audience, principal } = await gcpGrant();
    const repo = workload.subject.split(":")[1]?.split("/")[1] ?? "";
    const claims = githubActionsClaims({ owner: "contoso", repo, aud: audience });

    const diagnosis = await diagnose(await issuer.mint(claims), viewerToken);

    const { evaluation } = resultFor(diagnosis, binding.id);
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(checkNamed(evaluation, "principal")).toMatchObject({ ok: true, expected: principal });
  });

  it("refuses another owner's repository with the attribute condition's unauthorized_client", async () => {
    const { binding, audience } = await gcpGrant();
    const claims = githubActionsClaims({ owner: "mallory", repo: "x", aud: audience });

    const diagnosis = await diagnose(await issuer.mint(claims), viewerToken);

    const { evaluation } = resultFor(diagnosis, binding.id);
    expect(evaluation.cloudError).toEqual({
      code: "unauthorized_client",
      message: "The given credential is rejected by the attribute condition.",
    });
    expect(firstFailure(evaluation)?.check).toBe("attributeCondition");
  });
});
