import { describe, expect, it } from "vitest";
import { checkNames } from "@/lib/federation/types";
import {
  account,
  checkOf,
  evaluate,
  gh,
  ghArn,
  ghIssuer,
  githubClaims,
  now,
  policy,
  roleArn,
  statement,
} from "./fixtures";

// The seed scenarios of issue 4 item 6 that reach AWS, and its "Done when"
// case: a trust with only an aud condition is accepted for any repository
// and marked broad.

const audOnly = policy(
  statement({
    Sid: "AudOnly",
    Condition: { StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" } },
  }),
);

describe("evaluateAws: an AWS trust with only an aud condition (issue 4 Done when; CLOUDS.md 5.1, 5.11)", () => {
  it.each([
    ["the intended repository", "repo:octo-org/octo-repo:ref:refs/heads/main"],
    ["a stranger's repository", "repo:evil-org/anything:ref:refs/heads/main"],
    ["a stranger's pull_request run", "repo:evil-org/anything:pull_request"],
    ["an immutable subject", "repo:evil-org@1/anything@2:environment:prod"],
  ])(
    "accepts a token from %s and marks the binding broad (Datadog research 2023)",
    (_label, sub) => {
      const evaluation = evaluate(githubClaims({ sub }), { trustPolicy: audOnly });
      expect(evaluation.accepted).toBe(true);
      expect(evaluation.cloudError).toBeNull();
      expect(evaluation.broad?.reason).toMatch(
        /^Sid "AudOnly" allows with no condition on token\.actions\.githubusercontent\.com:sub, :repository or :repository_id: any GitHub Actions repository/,
      );
    },
  );
});

describe("evaluateAws: seed scenarios (issue 4 item 6)", () => {
  it("accepts a GitHub deployment to an environment, pinned by sub, and does not mark it broad (CLOUDS.md 2.4, 4; GitHub OIDC reference)", () => {
    const sub = "repo:octo-org/octo-repo:environment:prod";
    const evaluation = evaluate(
      githubClaims({ sub, environment: "prod" }),
      {
        trustPolicy: policy(
          statement({
            Sid: "GitHubProd",
            Condition: {
              StringEquals: {
                [`${gh}:aud`]: "sts.amazonaws.com",
                [`${gh}:sub`]: sub,
                [`${gh}:environment`]: "prod",
              },
            },
          }),
        ),
      },
      { request: { aws: { roleArn } } },
    );
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(evaluation.broad).toBeUndefined();
    expect(evaluation.checks.map((check) => check.check)).toEqual([
      "target",
      "provider",
      "algorithm",
      "signature",
      "claims",
      "audience",
      "expiry",
      "notBefore",
      "issuedAt",
      "condition",
    ]);
    expect(
      evaluation.checks.every((check) => (checkNames as readonly string[]).includes(check.check)),
    ).toBe(true);
    expect(checkOf(evaluation, "condition")).toMatchObject({ expected: sub, actual: sub });
  });

  it("marks a GitHub trust pinned only by repo:org/* broad (CLOUDS.md 5.2)", () => {
    const evaluation = evaluate(githubClaims(), {
      trustPolicy: policy(
        statement({
          Condition: {
            StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" },
            StringLike: { [`${gh}:sub`]: "repo:octo-org/*" },
          },
        }),
      ),
    });
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.broad?.reason).toMatch(
      /only with the pattern "repo:octo-org\/\*", which matches every repository of octo-org/,
    );
  });

  it("withholds a verdict that hangs on which duplicate StringEquals IAM keeps, one of which holds the sub check (CLOUDS.md 2.5, 5.4; alphagov/govuk-infrastructure#879)", () => {
    const raw = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${ghArn}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${gh}:sub":"repo:octo-org/octo-repo:ref:refs/heads/main"},"StringEquals":{"${gh}:aud":"sts.amazonaws.com"}}}]}`;
    const evaluation = evaluate(githubClaims({ sub: "repo:evil-org/x:ref:refs/heads/main" }), {
      trustPolicyRaw: raw,
    });
    expect(evaluation).toMatchObject({
      accepted: false,
      cloudError: {
        code: "FedlensUndecided",
        message:
          "STS may accept or refuse this token: the answer depends on which of the policy's repeated keys IAM keeps.",
      },
    });
    expect(evaluation.broad).toBeUndefined();
    const condition = checkOf(evaluation, "condition");
    expect(condition.message).toMatch(
      /depends on which repeated key IAM keeps: keeping the last of each, STS would accept this token; keeping the first, STS would refuse it/,
    );
    expect(condition.hint).toMatch(/Remove the duplicate Statement\[0\]\.Condition\.StringEquals/);
  });

  it("accepts an EKS service-account token with aud as a one-element list, without marking a single-tenant issuer broad (CLOUDS.md 2.1, 4 Kubernetes)", () => {
    const eks = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    const evaluation = evaluate(
      {
        iss: `https://${eks}`,
        aud: ["sts.amazonaws.com"],
        sub: "system:serviceaccount:payments:api",
        exp: now + 3600,
        iat: now - 5,
        "kubernetes.io": { namespace: "payments", serviceaccount: { name: "api" } },
      },
      {
        providerUrl: `https://${eks}`,
        trustPolicy: policy(
          statement({
            Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${eks}` },
            Condition: { StringEquals: { [`${eks}:aud`]: "sts.amazonaws.com" } },
          }),
        ),
      },
    );
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(evaluation.broad).toBeUndefined();
  });

  it("accepts an AKS token when the provider was registered with the issuer's trailing slash, whose keys carry it (CLOUDS.md 2.1 auth-dev.mozilla.auth0.com/:aud; 4 AKS)", () => {
    const aks =
      "eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/";
    const evaluation = evaluate(
      {
        iss: `https://${aks}`,
        aud: ["sts.amazonaws.com"],
        sub: "system:serviceaccount:wkldid:sawkldid",
        exp: now + 3600,
        "kubernetes.io": { namespace: "wkldid", serviceaccount: { name: "sawkldid", uid: "u" } },
      },
      {
        providerUrl: `https://${aks}`,
        trustPolicy: policy(
          statement({
            Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${aks}` },
            Condition: {
              StringEquals: { [`${aks}:sub`]: "system:serviceaccount:wkldid:sawkldid" },
            },
          }),
        ),
      },
    );
    expect(evaluation.accepted).toBe(true);
  });

  it("refuses the same AKS token when the provider lacks the slash, naming the slash (CLOUDS.md 2.3 step 1; azwi troubleshooting)", () => {
    const aks =
      "eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555";
    const evaluation = evaluate(
      {
        iss: `https://${aks}/`,
        aud: ["sts.amazonaws.com"],
        sub: "system:serviceaccount:wkldid:sawkldid",
        exp: now + 3600,
      },
      {
        providerUrl: `https://${aks}`,
        trustPolicy: policy(
          statement({ Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${aks}` } }),
        ),
      },
    );
    expect(evaluation.cloudError).toEqual({
      code: "InvalidIdentityToken",
      message: `No OpenIDConnect provider found in your account for https://${aks}/`,
    });
    expect(checkOf(evaluation, "provider").hint).toMatch(/the token's iss ends with '\/'/);
  });

  it("refuses a condition on the AKS token's nested kubernetes.io claim: STS exposes no nested claims (CLOUDS.md 2.4)", () => {
    const aks = "eastus.oic.prod-aks.azure.com/t/g/";
    const evaluation = evaluate(
      {
        iss: `https://${aks}`,
        aud: "sts.amazonaws.com",
        sub: "system:serviceaccount:wkldid:sawkldid",
        exp: now + 3600,
        "kubernetes.io": { namespace: "wkldid" },
      },
      {
        providerUrl: `https://${aks}`,
        trustPolicy: policy(
          statement({
            Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${aks}` },
            Condition: { StringEquals: { [`${aks}:kubernetes.io.namespace`]: "wkldid" } },
          }),
        ),
      },
    );
    expect(evaluation.cloudError?.code).toBe("AccessDenied");
    expect(checkOf(evaluation, "condition").hint).toMatch(
      /STS does not expose the claim 'kubernetes\.io\.namespace'/,
    );
  });

  it("accepts a Keycloak client-credentials token by its azp (CLOUDS.md 2.4: azp is a key)", () => {
    const kc = "keycloak.example.com/realms/ci";
    const evaluation = evaluate(
      {
        iss: `https://${kc}`,
        aud: "sts.amazonaws.com",
        azp: "ci-runner",
        sub: "6f1e9b52-0d1c-4f3e-9f6a-2b8d1c0e7a11",
        typ: "Bearer",
        preferred_username: "service-account-ci-runner",
        exp: now + 300,
        iat: now - 1,
      },
      {
        providerUrl: `https://${kc}`,
        trustPolicy: policy(
          statement({
            Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${kc}` },
            Condition: {
              StringEquals: { [`${kc}:aud`]: "sts.amazonaws.com", [`${kc}:azp`]: "ci-runner" },
            },
          }),
        ),
      },
    );
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
  });

  it("refuses a Keycloak client-credentials token without an audience mapper: no aud (CLOUDS.md 2.3 step 3)", () => {
    const kc = "keycloak.example.com/realms/ci";
    const evaluation = evaluate(
      {
        iss: `https://${kc}`,
        azp: "ci-runner",
        sub: "6f1e9b52-0d1c-4f3e-9f6a-2b8d1c0e7a11",
        exp: now + 300,
      },
      {
        providerUrl: `https://${kc}`,
        trustPolicy: policy(
          statement({ Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${kc}` } }),
        ),
      },
    );
    expect(evaluation.cloudError).toEqual({
      code: "InvalidIdentityToken",
      message: "Missing a required claim: aud",
    });
  });

  it("says which provider later checks assumed when none matched (issue 4 item 3: later problems visible)", () => {
    const evaluation = evaluate(githubClaims({ iss: `${ghIssuer}/` }));
    expect(checkOf(evaluation, "audience").message).toMatch(
      /assuming the provider https:\/\/token\.actions\.githubusercontent\.com/,
    );
    expect(checkOf(evaluation, "condition").ok).toBe(true);
  });
});
