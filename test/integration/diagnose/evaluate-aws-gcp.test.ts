// POST /api/v1/evaluate with AWS and GCP bindings in the clouds' own terms
// (issue 4 item 5): a trust policy as raw JSON text read the way IAM reads it,
// the account's other OIDC providers, the role asked for; a GCP provider with
// the STS audience parameter and the service account's IAM policy.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestToken, createTestUser } from "@/test/factories/users";
import { githubActionsClaims, githubActionsIssuer } from "@/test/support/oidc-issuer";
import { checkNamed, evaluate, firstFailure } from "./support";

let viewerToken: string;

beforeAll(async () => {
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

const rs256 = { alg: "RS256", kid: "key-1", typ: "JWT" };
const gh = "token.actions.githubusercontent.com";
const roleArn = "arn:aws:iam::123456789012:role/deploy";
const principal = (host: string) => ({
  Federated: `arn:aws:iam::123456789012:oidc-provider/${host}`,
});
const awsBinding = (extra: Record<string, unknown>) => ({
  cloud: "aws",
  providerUrl: githubActionsIssuer,
  clientIds: ["sts.amazonaws.com"],
  roleArn,
  ...extra,
});
const strangerClaims = () =>
  githubActionsClaims({ owner: "mallory", repo: "x", aud: "sts.amazonaws.com" });

// The sub condition is written first; whichever "StringEquals" IAM keeps, one is lost.
const duplicatedTrust = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${gh}" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": { "${gh}:sub": "repo:contoso/app:ref:refs/heads/main" },
      "StringEquals": { "${gh}:aud": "sts.amazonaws.com" }
    }
  }]
}`;

describe("AWS", () => {
  it("gives no verdict on trustPolicyRaw whose duplicate keys decide it, and names the duplicate", async () => {
    const evaluation = await evaluate(
      {
        claims: strangerClaims(),
        header: rs256,
        binding: awsBinding({ trustPolicyRaw: duplicatedTrust }),
      },
      viewerToken,
    );

    // Keeping the last StringEquals admits the stranger; keeping the first
    // refuses them. IAM documents neither (CLOUDS.md 2.5), so: not accepted,
    // and not AccessDenied either: Fedlens's own code says it cannot tell.
    expect(evaluation).toMatchObject({
      accepted: false,
      cloudError: { code: "FedlensUndecided" },
    });
    const condition = checkNamed(evaluation, "condition");
    expect(condition.message).toContain(
      "keeping the last of each, STS would accept this token; keeping the first, STS would refuse it",
    );
    expect(condition.hint).toContain("Remove the duplicate Statement[0].Condition.StringEquals");
  });

  it("refuses the stranger when the same conditions sit in one StringEquals", async () => {
    const trustPolicy = JSON.parse(
      duplicatedTrust.replace(/\},\s*"StringEquals": \{/, ","),
    ) as Record<string, unknown>;

    const evaluation = await evaluate(
      { claims: strangerClaims(), header: rs256, binding: awsBinding({ trustPolicy }) },
      viewerToken,
    );

    expect(evaluation.cloudError).toEqual({
      code: "AccessDenied",
      message: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
    });
    expect(evaluation.broad).toBeUndefined();
  });

  describe("another OIDC provider of the account", () => {
    const gitlabClaims = () => {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: "https://gitlab.com",
        aud: "https://gitlab.com",
        sub: "project_path:contoso/mobile:ref_type:branch:ref:main",
        project_path: "contoso/mobile",
        ref_type: "branch",
        ref: "main",
        iat: now - 10,
        nbf: now - 10,
        exp: now + 290,
      };
    };
    const gitlabTrust = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: principal("gitlab.com"),
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "gitlab.com:sub": "project_path:contoso/mobile:ref_type:branch:ref:main",
            },
          },
        },
      ],
    };

    it("is where STS finds the token's issuer (additionalProviders)", async () => {
      const evaluation = await evaluate(
        {
          claims: gitlabClaims(),
          header: rs256,
          binding: awsBinding({
            trustPolicy: gitlabTrust,
            additionalProviders: [
              { providerUrl: "https://gitlab.com", clientIds: ["https://gitlab.com"] },
            ],
          }),
        },
        viewerToken,
      );

      expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
      expect(checkNamed(evaluation, "audience").expected).toBe("https://gitlab.com");
    });

    it("is missing without it: no provider for the token's issuer", async () => {
      const evaluation = await evaluate(
        {
          claims: gitlabClaims(),
          header: rs256,
          binding: awsBinding({ trustPolicy: gitlabTrust }),
        },
        viewerToken,
      );

      expect(evaluation.cloudError).toEqual({
        code: "InvalidIdentityToken",
        message: "No OpenIDConnect provider found in your account for https://gitlab.com",
      });
      expect(firstFailure(evaluation)?.check).toBe("provider");
    });
  });

  it("refuses with AccessDenied when the request asks for another role", async () => {
    const evaluation = await evaluate(
      {
        claims: strangerClaims(),
        header: rs256,
        binding: awsBinding({ trustPolicyRaw: duplicatedTrust }),
        request: { aws: { roleArn: "arn:aws:iam::123456789012:role/Deploy" } },
      },
      viewerToken,
    );

    expect(evaluation.cloudError?.code).toBe("AccessDenied");
    expect(firstFailure(evaluation)).toMatchObject({
      check: "target",
      expected: roleArn,
      actual: "arn:aws:iam::123456789012:role/Deploy",
      hint: expect.stringMatching(/^Near miss: .*case/),
    });
  });
});

const projectNumber = "482915736104";
const poolPath = `projects/${projectNumber}/locations/global/workloadIdentityPools/github-pool`;
const providerResource = `//iam.googleapis.com/${poolPath}/providers/github`;
const serviceAccount = "deployer@contoso-prod.iam.gserviceaccount.com";
const gcpBinding = (members: string[]) => ({
  cloud: "gcp",
  poolProviderResource: providerResource,
  issuerUri: githubActionsIssuer,
  allowedAudiences: [],
  attributeMapping: {
    "google.subject": "assertion.sub",
    "attribute.repository": "assertion.repository",
    "attribute.repository_owner": "assertion.repository_owner",
  },
  attributeCondition: "assertion.repository_owner == 'contoso'",
  serviceAccountIamPolicy: { serviceAccount, role: "roles/iam.workloadIdentityUser", members },
});
const repositoryMember = (repository: string) =>
  `principalSet://iam.googleapis.com/${poolPath}/attribute.repository/${repository}`;
const gcpClaims = () =>
  githubActionsClaims({ owner: "contoso", repo: "app", aud: `https:${providerResource}` });

describe("GCP", () => {
  it("accepts a token for the provider named by the STS audience, impersonating the service account", async () => {
    const evaluation = await evaluate(
      {
        claims: gcpClaims(),
        header: rs256,
        binding: gcpBinding([repositoryMember("contoso/app")]),
        request: { gcp: { stsAudience: providerResource, serviceAccount } },
      },
      viewerToken,
    );

    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(checkNamed(evaluation, "principal")).toMatchObject({
      ok: true,
      expected: repositoryMember("contoso/app"),
    });
  });

  it("refuses an STS audience naming the project by id with invalid_target and a hint", async () => {
    const evaluation = await evaluate(
      {
        claims: gcpClaims(),
        header: rs256,
        binding: gcpBinding([repositoryMember("contoso/app")]),
        request: { gcp: { stsAudience: providerResource.replace(projectNumber, "contoso-prod") } },
      },
      viewerToken,
    );

    expect(evaluation.cloudError?.code).toBe("invalid_target");
    expect(firstFailure(evaluation)).toMatchObject({
      check: "target",
      hint: expect.stringContaining('uses the project ID "contoso-prod"'),
    });
  });

  it("refuses impersonation with PERMISSION_DENIED when no member covers the token", async () => {
    const evaluation = await evaluate(
      {
        claims: gcpClaims(),
        header: rs256,
        binding: gcpBinding([repositoryMember("contoso/other")]),
        request: { gcp: { stsAudience: providerResource } },
      },
      viewerToken,
    );

    expect(evaluation.cloudError?.code).toBe("PERMISSION_DENIED");
    expect(firstFailure(evaluation)?.check).toBe("principal");
  });
});
