// What POST /api/v1/evaluate refuses (issue 4 item 5; CONVENTIONS 7): a body
// the schema or the cloud's evaluator rejects is a 422 naming each field as
// `binding.<path>`, never echoing the rejected value; the what-if needs no
// more than the viewer role, and a sign-in.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { call, problemOf } from "@/test/support/http";
import * as evaluateRoute from "@/app/api/v1/evaluate/route";
import { githubActionsIssuer } from "@/test/support/oidc-issuer";
import { diagnoseCall, evaluate, evaluateCall } from "./support";

const canary = "canary-7d1f0e";

let viewerToken: string;

beforeAll(async () => {
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

const now = Math.floor(Date.now() / 1000);
const claims = {
  iss: githubActionsIssuer,
  sub: "repo:contoso/app:pull_request",
  aud: "api://AzureADTokenExchange",
  iat: now,
  exp: now + 300,
};
const fic = {
  name: "app-main",
  issuer: githubActionsIssuer,
  audiences: ["api://AzureADTokenExchange"],
  subject: "repo:contoso/app:ref:refs/heads/main",
};
const aws = {
  cloud: "aws",
  providerUrl: githubActionsIssuer,
  clientIds: ["sts.amazonaws.com"],
  roleArn: "arn:aws:iam::123456789012:role/deploy",
  trustPolicy: { Version: "2012-10-17", Statement: [] },
};
const gcp = {
  cloud: "gcp",
  poolProviderResource:
    "//iam.googleapis.com/projects/482915736104/locations/global/workloadIdentityPools/pool/providers/github",
  issuerUri: githubActionsIssuer,
  attributeMapping: { "google.subject": "assertion.sub" },
};

describe("bodies POST /api/v1/evaluate refuses with 422", () => {
  it.each<[string, Record<string, unknown>, { name: string; reason: string | RegExp }]>([
    [
      "both token and claims",
      { token: "a.b.c", claims, binding: { cloud: "azure", ...fic } },
      { name: "token", reason: "send either token or claims" },
    ],
    [
      "neither token nor claims",
      { binding: { cloud: "azure", ...fic } },
      { name: "token", reason: "send either token or claims" },
    ],
    [
      "an unknown cloud",
      { claims, binding: { cloud: canary } },
      { name: "binding.cloud", reason: "must be azure, aws or gcp" },
    ],
    [
      "an unknown top-level field",
      { claims, binding: { cloud: "azure", ...fic }, extra: canary },
      { name: "extra", reason: "unknown field" },
    ],
    [
      "an `at` that is not a date-time",
      { claims, binding: { cloud: "azure", ...fic }, at: canary },
      { name: "at", reason: "must be an ISO 8601 date-time" },
    ],
    [
      "an Azure credential without audiences",
      { claims, binding: { cloud: "azure", ...fic, audiences: undefined } },
      {
        name: "binding.audiences",
        reason: "is required (or give federatedIdentityCredentials: a list of credentials)",
      },
    ],
    [
      "an Azure credential with a subject and an expression",
      {
        claims,
        binding: {
          cloud: "azure",
          ...fic,
          claimsMatchingExpression: { value: "claims['sub'] eq 'x'", languageVersion: 1 },
        },
      },
      {
        name: "binding.subject",
        reason: "set either a subject or a claims-matching expression, not both",
      },
    ],
    [
      "two Azure credentials with one name",
      {
        claims,
        binding: {
          cloud: "azure",
          federatedIdentityCredentials: [fic, { ...fic, name: "APP-MAIN", subject: `${canary}` }],
        },
      },
      {
        name: "binding.federatedIdentityCredentials.1.name",
        reason: "repeats the name of credential 0; names are unique on an identity",
      },
    ],
    [
      "an AWS role ARN that is not one",
      { claims, binding: { ...aws, roleArn: `arn:aws:iam::${canary}` } },
      {
        name: "binding.roleArn",
        reason: "must be a role ARN such as arn:aws:iam::123456789012:role/deploy",
      },
    ],
    [
      "an AWS trust policy given twice",
      { claims, binding: { ...aws, trustPolicyRaw: "{}" } },
      { name: "binding.trustPolicyRaw", reason: "give trustPolicy or trustPolicyRaw, not both" },
    ],
    [
      "an AWS trust policy text that is not JSON",
      { claims, binding: { ...aws, trustPolicy: undefined, trustPolicyRaw: `{"${canary}":` } },
      {
        name: "binding.trustPolicyRaw",
        reason: `expected a value, found the end of the text at line 1, column ${canary.length + 5}`,
      },
    ],
    [
      "a GCP provider named by project id",
      {
        claims,
        binding: {
          ...gcp,
          poolProviderResource: gcp.poolProviderResource.replace("482915736104", canary),
        },
      },
      {
        name: "binding.poolProviderResource",
        reason:
          "this looks like a project ID; Workload Identity Federation needs the project NUMBER (gcloud projects describe <id> --format='value(projectNumber)')",
      },
    ],
    [
      "a GCP attribute condition that is not CEL",
      { claims, binding: { ...gcp, attributeCondition: `assertion.sub == '${canary}` } },
      { name: "binding.attributeCondition", reason: /^not valid CEL: / },
    ],
  ])("%s", async (_case, body, param) => {
    const response = await evaluateCall(body, viewerToken);

    expect(response.status).toBe(422);
    const text = await response.clone().text();
    expect(text).not.toContain(canary);
    const problem = await problemOf(response);
    expect(problem.type).toBe("urn:fedlens:problem:validation-failed");
    expect(problem.invalid_params).toContainEqual({
      name: param.name,
      reason: typeof param.reason === "string" ? param.reason : expect.stringMatching(param.reason),
    });
  });

  it("refuses a token that is not a JWT with the decoder's reason", async () => {
    const response = await evaluateCall(
      { token: canary, binding: { cloud: "azure", ...fic } },
      viewerToken,
    );

    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.invalid_params).toEqual([
      {
        name: "token",
        reason: expect.stringMatching(/^This is not a JWT: it has no '\.' separators/),
      },
    ]);
    expect(JSON.stringify(problem)).not.toContain(canary);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const response = await call(evaluateRoute.POST, {
      method: "POST",
      path: "/api/v1/evaluate",
      token: viewerToken,
      body: `{"claims": {"sub": "${canary}"`,
    });

    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(canary);
  });
});

describe("who may evaluate and diagnose", () => {
  it("lets a viewer evaluate", async () => {
    const evaluation = await evaluate({ claims, binding: { cloud: "azure", ...fic } }, viewerToken);

    expect(evaluation.cloudError?.code).toBe("AADSTS700213");
  });

  it.each([
    ["evaluate", () => evaluateCall({ claims, binding: { cloud: "azure", ...fic } }, undefined)],
    ["diagnose", () => diagnoseCall("a.b.c", undefined)],
  ])("refuses to %s without a sign-in (401)", async (_route, send) => {
    const response = await send();

    expect(response.status).toBe(401);
    expect((await problemOf(response)).type).toBe("urn:fedlens:problem:unauthenticated");
  });

  it("refuses an unknown API token (401)", async () => {
    const response = await evaluateCall(
      { claims, binding: { cloud: "azure", ...fic } },
      "fl_not-a-real-token-0000000000000000",
    );

    expect(response.status).toBe(401);
  });
});
