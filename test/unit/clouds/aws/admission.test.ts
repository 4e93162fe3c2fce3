import { describe, expect, it } from "vitest";
import { awsAdmission } from "@/lib/clouds/aws/admission";

// What an AWS trust can admit, read from the evaluator's binding: the
// subjects of its own provider and, when a statement also names others of
// the account's providers, theirs (STS picks the provider by iss, CLOUDS.md 2.3).

const github = "https://token.actions.githubusercontent.com";
const githubKey = "token.actions.githubusercontent.com";
const arn = (key: string) => `arn:aws:iam::123456789012:oidc-provider/${key}`;

function binding(statement: Record<string, unknown>) {
  return {
    cloud: "aws",
    providerUrl: github,
    clientIds: ["sts.amazonaws.com"],
    roleArn: "arn:aws:iam::123456789012:role/deploy",
    trustPolicy: { Version: "2012-10-17", Statement: [statement] },
    additionalProviders: [{ providerUrl: "https://gitlab.com", clientIds: ["gitlab-aud"] }],
  };
}

const allow = (principal: unknown, condition: Record<string, unknown>) => ({
  Effect: "Allow",
  Principal: principal,
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: condition,
});

describe("awsAdmission", () => {
  it("lists no other issuer when the statements name only the binding's provider", () => {
    const admission = awsAdmission({
      binding: binding(
        allow(
          { Federated: arn(githubKey) },
          { StringEquals: { [`${githubKey}:sub`]: "repo:c/w" } },
        ),
      ),
      issuerLabel: github,
    });
    expect(admission).toEqual({
      subjects: ["repo:c/w"],
      subjectPrefixes: null,
      open: null,
      audience: "sts.amazonaws.com",
    });
  });

  it("bounds each other provider a statement names by that provider's own keys", () => {
    const admission = awsAdmission({
      binding: binding(
        allow(
          { Federated: [arn(githubKey), arn("gitlab.com")] },
          {
            StringEqualsIfExists: { [`${githubKey}:sub`]: "repo:c/w" },
            StringLike: { "gitlab.com:sub": "project_path:c/*" },
            StringEquals: { "gitlab.com:aud": "gitlab-aud" },
          },
        ),
      ),
      issuerLabel: github,
    });
    expect(admission.others).toEqual([
      {
        issuerUrl: "https://gitlab.com",
        subjects: null,
        subjectPrefixes: ["project_path:c/"],
        open: "any project of c",
        audience: "gitlab-aud",
      },
    ]);
    // Its own sub is tested only IfExists: nothing bounds it.
    expect(admission.subjects).toBeNull();
    expect(admission.open).toContain(github);
    expect(admission.open).toContain("any project of c");
  });

  it("counts every provider a statement open to everyone can be met by", () => {
    const pinned = awsAdmission({
      binding: binding(allow("*", { StringEquals: { "gitlab.com:sub": "project_path:c/w" } })),
      issuerLabel: github,
    });
    // A token of any other provider lacks gitlab.com:sub, and StringEquals fails then.
    expect(pinned.others?.map((other) => [other.issuerUrl, other.subjects])).toEqual([
      ["https://gitlab.com", ["project_path:c/w"]],
    ]);
    const unconditional = awsAdmission({
      binding: binding({
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRoleWithWebIdentity",
      }),
      issuerLabel: github,
    });
    expect(unconditional.others?.map((other) => [other.issuerUrl, other.subjects])).toEqual([
      ["https://gitlab.com", null],
      ["https://accounts.google.com", null],
      ["https://cognito-identity.amazonaws.com", null],
    ]);
  });

  it("reads a Principal list as the evaluator does, skipping what is not text", () => {
    const admission = awsAdmission({
      binding: binding(
        allow(
          { Federated: [arn(githubKey), 7, arn("gitlab.com")] },
          { StringEqualsIfExists: { "gitlab.com:sub": "project_path:c/w" } },
        ),
      ),
      issuerLabel: github,
    });
    expect(admission.others?.map((other) => other.issuerUrl)).toEqual(["https://gitlab.com"]);
  });

  it("does not take a provider ARN that differs from its own in case for its own", () => {
    const admission = awsAdmission({
      binding: {
        ...binding(
          allow(
            { Federated: arn("idp.example.com/tenant") },
            { StringEquals: { "idp.example.com/tenant:sub": "x" } },
          ),
        ),
        providerUrl: "https://idp.example.com/Tenant",
        additionalProviders: [{ providerUrl: "https://idp.example.com/tenant", clientIds: [] }],
      },
      issuerLabel: "https://idp.example.com/Tenant",
    });
    expect(admission.others?.map((other) => [other.issuerUrl, other.subjects])).toEqual([
      ["https://idp.example.com/tenant", ["x"]],
    ]);
  });
});
