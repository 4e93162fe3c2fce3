import { describe, expect, it } from "vitest";
import {
  normaliseAwsEvaluatorBinding,
  ZAwsEvaluatorBinding,
} from "@/lib/clouds/aws/evaluator-binding";
import { account, gh, ghArn, ghIssuer, githubTrust, roleArn } from "./fixtures";

// The AWS binding POST /api/v1/evaluate accepts (issue 4 item 5), in IAM's
// terms, and its normalised form.

const base = {
  cloud: "aws",
  providerUrl: ghIssuer,
  clientIds: ["sts.amazonaws.com"],
  roleArn,
  trustPolicy: githubTrust(),
};

function issuesOf(input: unknown) {
  const parsed = ZAwsEvaluatorBinding.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
  }));
}

function trustWith(elements: Record<string, unknown>) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: ghArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        ...elements,
      },
    ],
  };
}

const rawWithDuplicate = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "GitHub",
    "Effect": "Allow",
    "Principal": { "Federated": "${ghArn}" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringLike": { "${gh}:sub": "repo:octo-org/octo-repo:*" },
      "StringLike": { "${gh}:aud": "sts.amazonaws.com" }
    }
  }]
}`;

describe("ZAwsEvaluatorBinding", () => {
  it("accepts a provider, a role and a trust policy object (issue 4 item 5)", () => {
    expect(issuesOf(base)).toEqual([]);
  });

  it.each([
    [
      "both trustPolicy and trustPolicyRaw",
      "issue 4 item 5 (exactly one)",
      { trustPolicyRaw: "{}" },
      "trustPolicyRaw",
      "give trustPolicy or trustPolicyRaw, not both",
    ],
    [
      "neither trustPolicy nor trustPolicyRaw",
      "issue 4 item 5 (exactly one)",
      { trustPolicy: undefined },
      "trustPolicy",
      "is required (or trustPolicyRaw, the policy as JSON text)",
    ],
    [
      "raw text that is not JSON, naming where",
      "CLOUDS.md 2.5 (IAM parses JSON)",
      { trustPolicy: undefined, trustPolicyRaw: '{"Statement": [' },
      "trustPolicyRaw",
      "expected a value, found the end of the text at line 1, column 16",
    ],
    [
      "a provider URL without https://",
      "CLOUDS.md 2.1 (CreateOpenIDConnectProvider)",
      { providerUrl: "http://token.actions.githubusercontent.com" },
      "providerUrl",
      "must start with https://",
    ],
    [
      "an empty client id list",
      "CLOUDS.md 2.1 (ClientIDList)",
      { clientIds: [] },
      "clientIds",
      "add at least one client id: STS rejects tokens whose aud is not listed",
    ],
    [
      "a role ARN that is not a role",
      "CLOUDS.md 2.2 (RoleArn)",
      { roleArn: `arn:aws:iam::${account}:user/deploy` },
      "roleArn",
      "must be a role ARN such as arn:aws:iam::123456789012:role/deploy",
    ],
    [
      "an unknown field",
      "issue 4 item 5 (.strict())",
      { region: "eu-west-1" },
      "",
      'Unrecognized key: "region"',
    ],
    [
      "a condition operator in the wrong case",
      "CLOUDS.md 2.5 (operator names are case-sensitive)",
      {
        trustPolicy: {
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: ghArn },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: { stringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" } },
            },
          ],
        },
      },
      "trustPolicy.Statement.0.Condition.stringEquals",
      "unknown condition operator 'stringEquals'; IAM operator names are case-sensitive: StringEquals",
    ],
    [
      "an Effect other than Allow or Deny",
      "CLOUDS.md 2.6 (IAM evaluation logic)",
      {
        trustPolicy: {
          Statement: {
            Effect: "allow",
            Principal: { Federated: ghArn },
            Action: "sts:AssumeRoleWithWebIdentity",
          },
        },
      },
      "trustPolicy.Statement.Effect",
      "must be Allow or Deny",
    ],
    [
      "a statement without a Principal",
      "CLOUDS.md 2.3 step 5 (Principal.Federated)",
      {
        trustPolicy: { Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity" }] },
      },
      "trustPolicy.Statement.0.Principal",
      'is required: { "Federated": "<OIDC provider ARN>" }',
    ],
    [
      "a Condition element in lower case, which IAM would not read as a condition",
      "IAM JSON policy element reference (element names are case-sensitive)",
      { trustPolicy: trustWith({ condition: { StringEquals: { [`${gh}:aud`]: "x" } } }) },
      "trustPolicy.Statement.0.condition",
      "IAM element names are case-sensitive: write Condition",
    ],
    [
      "an unknown element such as Conditions",
      "IAM JSON policy element reference",
      { trustPolicy: trustWith({ Conditions: {} }) },
      "trustPolicy.Statement.0.Conditions",
      "unknown element 'Conditions'; a trust statement has Sid, Effect, Principal, Action, NotAction and Condition",
    ],
    [
      "a Resource element",
      'IAM: "Has prohibited field Resource" in a role trust policy',
      { trustPolicy: trustWith({ Resource: "*" }) },
      "trustPolicy.Statement.0.Resource",
      'a trust policy has no Resource; IAM answers "Has prohibited field Resource"',
    ],
    [
      "NotPrincipal, which role trust policies cannot use",
      "IAM JSON policy elements: NotPrincipal",
      { trustPolicy: trustWith({ Effect: "Deny", NotPrincipal: { Federated: ghArn } }) },
      "trustPolicy.Statement.0.NotPrincipal",
      "IAM role trust policies cannot use NotPrincipal; name the principal instead",
    ],
    [
      "both Action and NotAction",
      "IAM JSON policy grammar (action_block)",
      { trustPolicy: trustWith({ NotAction: "sts:TagSession" }) },
      "trustPolicy.Statement.0.NotAction",
      "a statement has Action or NotAction, not both",
    ],
    [
      "both Principal and NotPrincipal",
      "IAM JSON policy grammar (principal_block)",
      { trustPolicy: trustWith({ NotPrincipal: { Federated: ghArn } }) },
      "trustPolicy.Statement.0.NotPrincipal",
      "a statement has Principal or NotPrincipal, not both",
    ],
    [
      "a policy without statements",
      "IAM JSON policy grammar",
      { trustPolicy: { Version: "2012-10-17", Statement: [] } },
      "trustPolicy.Statement",
      "is required: at least one statement",
    ],
    [
      "two providers with one URL",
      "CLOUDS.md 2.1 (one provider per URL per account)",
      { additionalProviders: [{ providerUrl: ghIssuer, clientIds: ["x"] }] },
      "additionalProviders.0.providerUrl",
      "an account has one provider per URL",
    ],
  ])("refuses %s (%s)", (_label, _source, change, path, message) => {
    expect(issuesOf({ ...base, ...change })).toContainEqual({ path, message });
  });
});

describe("normaliseAwsEvaluatorBinding", () => {
  it("puts the binding's provider first, then the account's others, and reads partition and account from the role ARN (CLOUDS.md 2.1)", () => {
    const binding = normaliseAwsEvaluatorBinding(
      ZAwsEvaluatorBinding.parse({
        ...base,
        roleArn: `arn:aws-cn:iam::${account}:role/ci/deploy`,
        additionalProviders: [
          { providerUrl: "https://gitlab.com", clientIds: ["https://gitlab.com"] },
        ],
      }),
    );
    expect(binding).toMatchObject({
      partition: "aws-cn",
      accountId: account,
      providers: [
        { url: ghIssuer, clientIds: ["sts.amazonaws.com"] },
        { url: "https://gitlab.com", clientIds: ["https://gitlab.com"] },
      ],
      duplicateKeys: [],
    });
    expect(binding.statements).toHaveLength(1);
  });

  it("reads raw text with duplicate keys keeping the last and, apart, the first, and lists them (CLOUDS.md 2.5, 5.4; alphagov/govuk-infrastructure#879)", () => {
    const binding = normaliseAwsEvaluatorBinding(
      ZAwsEvaluatorBinding.parse({
        ...base,
        trustPolicy: undefined,
        trustPolicyRaw: rawWithDuplicate,
      }),
    );
    expect(binding.duplicateKeys).toEqual(["Statement[0].Condition.StringLike"]);
    expect(binding.statements[0]).toMatchObject({
      Condition: { StringLike: { [`${gh}:aud`]: "sts.amazonaws.com" } },
    });
    // CLOUDS.md 2.5: IAM "silently keeps only one", which one undocumented.
    expect(binding.firstKept?.statements[0]).toMatchObject({
      Condition: { StringLike: { [`${gh}:sub`]: "repo:octo-org/octo-repo:*" } },
    });
  });
});
