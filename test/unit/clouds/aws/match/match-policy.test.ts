import { describe, expect, it } from "vitest";
import { checkOf, evaluate, gh, ghArn, githubClaims, policy, statement } from "./fixtures";
import { expectPolicyCase, policyRows, type PolicyCase } from "./policy-case";
import { aud, branchSub, gitlabArn, gitlabClaims, prClaims } from "./policy-tokens";

// The role's trust policy as STS evaluates it (CLOUDS.md 2.3 step 5, 2.4–2.6):
// every statement, explicit Deny wins, Principal.Federated, Action, string,
// set and Null operators, …IfExists, missing keys, the keys STS exposes.

const cases: PolicyCase[] = [
  {
    name: "an explicit Deny that applies, even beside a matching Allow",
    source: "CLOUDS.md 2.6 (IAM evaluation logic)",
    claims: prClaims,
    statements: [
      statement({
        Sid: "Repo",
        Condition: {
          StringEquals: aud,
          StringLike: { [`${gh}:sub`]: "repo:octo-org/octo-repo:*" },
        },
      }),
      statement({
        Sid: "NoPullRequests",
        Effect: "Deny",
        Condition: { StringLike: { [`${gh}:sub`]: "*:pull_request" } },
      }),
    ],
    accepted: false,
    message: /Sid "NoPullRequests" denies sts:AssumeRoleWithWebIdentity/,
    hint: /Without it, Sid "Repo" would allow/,
  },
  {
    name: "a Deny whose condition does not hold",
    source: "CLOUDS.md 2.6 (IAM evaluation logic)",
    statements: [
      statement({ Condition: { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } } }),
      statement({ Effect: "Deny", Condition: { StringLike: { [`${gh}:sub`]: "*:pull_request" } } }),
    ],
    accepted: true,
  },
  {
    name: "Principal.Federated as a list naming the provider",
    source: "CLOUDS.md 2.3 step 5 (Principal.Federated string or list)",
    statements: [
      statement({
        Principal: { Federated: [gitlabArn, ghArn] },
        Condition: { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } },
      }),
    ],
    accepted: true,
  },
  {
    name: "Principal.Federated naming the provider of another account",
    source: "CLOUDS.md 2.1 (same account only), 2.8 (wrong Principal.Federated)",
    statements: [
      statement({ Principal: { Federated: `arn:aws:iam::999999999999:oidc-provider/${gh}` } }),
    ],
    accepted: false,
    message: /fails on Principal\.Federated/,
    hint: /must name the provider STS found/,
  },
  {
    name: "Principal.Federated with a trailing slash the provider lacks",
    source: "CLOUDS.md 2.1 (ARN carries the URL as registered)",
    statements: [statement({ Principal: { Federated: `${ghArn}/` } })],
    accepted: false,
    hint: /ends with '\/' and the provider ARN does not/,
  },
  {
    name: "an Action in lower case",
    source: "IAM action names are case-insensitive (CLOUDS.md 2.3 step 5)",
    statements: [
      statement({
        Action: ["sts:assumerolewithwebidentity"],
        Condition: { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } },
      }),
    ],
    accepted: true,
  },
  {
    name: "an Action wildcard sts:*",
    source: "IAM Action wildcards (CLOUDS.md 2.3 step 5)",
    statements: [
      statement({
        Action: "sts:*",
        Condition: { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } },
      }),
    ],
    accepted: true,
  },
  {
    name: "an Action that names only sts:AssumeRole",
    source: "CLOUDS.md 2.3 step 5 (Action)",
    statements: [statement({ Action: ["sts:AssumeRole", "sts:TagSession"] })],
    accepted: false,
    message: /fails on Action/,
  },
  {
    name: "keys under one operator AND together: aud holds, sub does not",
    source: "CLOUDS.md 2.5 (multiple keys/values)",
    statements: [
      statement({
        Condition: {
          StringEquals: { ...aud, [`${gh}:sub`]: "repo:octo-org/other:ref:refs/heads/main" },
        },
      }),
    ],
    accepted: false,
    message: /fails on StringEquals token\.actions\.githubusercontent\.com:sub/,
  },
  {
    name: "an environment condition for a branch run, which carries no environment",
    source: "CLOUDS.md 2.4 (missing key; provider-specific GitHub keys)",
    statements: [
      statement({ Condition: { StringEquals: { ...aud, [`${gh}:environment`]: "prod" } } }),
    ],
    accepted: false,
    hint: /only jobs that reference an environment carry one/,
  },
  {
    name: "GitHub's repository_id key, read from the claim",
    source: "CLOUDS.md 2.4 (provider-specific keys, Feb 2026)",
    statements: [
      statement({ Condition: { StringEquals: { ...aud, [`${gh}:repository_id`]: "821093847" } } }),
    ],
    accepted: true,
  },
  {
    name: "a GitHub-only key on GitLab's provider, absent even though the token has the claim",
    source: "CLOUDS.md 2.4 (provider-specific keys only for GitHub, Google, CircleCI, OCI)",
    claims: gitlabClaims,
    fields: { providerUrl: "https://gitlab.com", clientIds: ["https://gitlab.com"] },
    statements: [
      statement({
        Principal: { Federated: gitlabArn },
        Condition: { StringEquals: { "gitlab.com:environment": "prod" } },
      }),
    ],
    accepted: false,
    hint: /STS sets :environment only for GitHub's issuer/,
  },
  {
    name: "a custom claim, which STS does not expose, so the key is missing",
    source: "CLOUDS.md 2.4 (re:Post: custom or nested claims never match)",
    statements: [
      statement({
        Condition: { StringEquals: { ...aud, [`${gh}:repository_owner`]: "octo-org" } },
      }),
    ],
    accepted: false,
    hint: /STS does not expose the claim 'repository_owner'/,
  },
  {
    name: "a negated operator on a key STS does not expose, true because the key is missing",
    source: "CLOUDS.md 2.4 (negated operator on a missing key)",
    statements: [
      statement({
        Condition: {
          StringEquals: { ...aud, [`${gh}:sub`]: branchSub },
          StringNotEquals: { [`${gh}:event_name`]: "pull_request" },
        },
      }),
    ],
    accepted: true,
    hint: /event_name holds only because the key is missing \(STS does not expose the claim 'event_name'.*a negated operator is true for a missing key/,
  },
  {
    name: "StringNotLike excluding pull_request runs",
    source: "CLOUDS.md 2.5 (negated operators)",
    claims: prClaims,
    statements: [
      statement({
        Condition: {
          StringLike: { [`${gh}:sub`]: "repo:octo-org/octo-repo:*" },
          StringNotLike: { [`${gh}:sub`]: "*:pull_request" },
        },
      }),
    ],
    accepted: false,
    hint: /excludes the token's value/,
  },
  {
    name: "ForAllValues:StringLike on sub for a token without sub",
    source:
      "CLOUDS.md 2.5, 5.3 (ForAllValues true on a missing key; configure-aws-credentials#318)",
    claims: githubClaims({ sub: undefined }),
    statements: [
      statement({
        Condition: {
          StringEquals: aud,
          "ForAllValues:StringLike": { [`${gh}:sub`]: "repo:octo-org/*" },
        },
      }),
    ],
    accepted: true,
    hint: /ForAllValues: is true for a missing key/,
    broad: true,
  },
  {
    name: "Null false on environment for a branch run",
    source: "CLOUDS.md 2.4 (Null operator)",
    statements: [
      statement({ Condition: { StringEquals: aud, Null: { [`${gh}:environment`]: "false" } } }),
    ],
    accepted: false,
    hint: /Null requires token\.actions\.githubusercontent\.com:environment to be present/,
  },
  {
    name: "StringEqualsIfExists on environment for a branch run",
    source: "CLOUDS.md 2.4 (IfExists on a missing key)",
    statements: [
      statement({
        Condition: {
          StringEquals: { ...aud, [`${gh}:sub`]: branchSub },
          StringEqualsIfExists: { [`${gh}:environment`]: "prod" },
        },
      }),
    ],
    accepted: true,
  },
];

describe("evaluateAws: trust policy statements and operators", () => {
  it.each(policyRows(cases))("%s %s (%s)", (_verdict, _name, _source, row) => {
    expectPolicyCase(row);
  });

  it("reports a failing condition's values as text the UI can diff (DESIGN.md Evaluation result)", () => {
    const evaluation = evaluate(prClaims, {
      trustPolicy: policy(
        statement({
          Condition: {
            StringEquals: { ...aud, [`${gh}:sub`]: ["repo:x/y:ref:refs/heads/main", branchSub] },
          },
        }),
      ),
    });
    expect(checkOf(evaluation, "condition")).toMatchObject({
      expected: branchSub,
      actual: "repo:octo-org/octo-repo:pull_request",
    });
  });
});
