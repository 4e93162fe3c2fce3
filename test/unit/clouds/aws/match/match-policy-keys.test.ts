import { describe, it } from "vitest";
import { gh, githubClaims, now, statement } from "./fixtures";
import { expectPolicyCase, policyRows, type PolicyCase } from "./policy-case";
import { aud, branchSub, envClaims, gitlabArn, google, googleClaims } from "./policy-tokens";

// Trust-policy near misses and context keys (CLOUDS.md 2.4, 2.5, 4): Google's
// aud/azp swap, Cognito's multivalued amr, case, literal wildcards, GitHub
// subject forms, key prefixes, unknown global keys, the nearest statement.

const cases: PolicyCase[] = [
  {
    name: "a Google token with azp against :aud written with the token's aud",
    source: "CLOUDS.md 2.4 (aud vs azp for Google)",
    claims: googleClaims({ azp: "1234567890" }),
    statements: [
      google({
        StringEquals: { "accounts.google.com:aud": "32555940559.apps.googleusercontent.com" },
      }),
    ],
    accepted: false,
    hint: /accounts\.google\.com:aud is the azp \(1234567890\).*accounts\.google\.com:oaud/,
  },
  {
    name: "a Google token with azp against :aud = azp and :oaud = aud",
    source: "CLOUDS.md 2.4 (aud vs azp for Google)",
    claims: googleClaims({ azp: "1234567890" }),
    statements: [
      google({
        StringEquals: {
          "accounts.google.com:aud": "1234567890",
          "accounts.google.com:oaud": "32555940559.apps.googleusercontent.com",
          "accounts.google.com:sub": "110169484474386276334",
        },
      }),
    ],
    accepted: true,
  },
  {
    name: "a Google token without azp, whose :aud is its aud",
    source: "CLOUDS.md 2.4 (aud vs azp for Google)",
    claims: googleClaims({}),
    statements: [
      google({
        StringEquals: {
          "accounts.google.com:aud": "32555940559.apps.googleusercontent.com",
          "accounts.google.com:sub": "110169484474386276334",
        },
      }),
    ],
    accepted: true,
  },
  {
    name: "Cognito's multivalued amr tested with ForAnyValue:",
    source: "CLOUDS.md 2.4 (amr is multivalued)",
    claims: {
      iss: "https://cognito-identity.amazonaws.com",
      aud: "eu-west-1:pool",
      sub: "eu-west-1:id",
      amr: ["authenticated", "cognito-idp.eu-west-1.amazonaws.com/pool"],
      exp: now + 300,
    },
    statements: [
      statement({
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": "eu-west-1:pool" },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
        },
      }),
    ],
    accepted: true,
  },
  {
    name: "a sub that differs from the policy only in case",
    source: "CLOUDS.md 2.5 (configure-aws-credentials#1100)",
    claims: githubClaims({ sub: "repo:Octo-Org/octo-repo:ref:refs/heads/main" }),
    statements: [statement({ Condition: { StringLike: { [`${gh}:sub`]: "repo:octo-org/*" } } })],
    accepted: false,
    hint: /only in letter case/,
  },
  {
    name: "a wildcard under StringEquals",
    source: "CLOUDS.md 2.5 (wildcards mean nothing under StringEquals)",
    statements: [
      statement({
        Condition: { StringEquals: { ...aud, [`${gh}:sub`]: "repo:octo-org/octo-repo:*" } },
      }),
    ],
    accepted: false,
    hint: /would match under StringLike/,
  },
  {
    name: "an immutable GitHub subject against a legacy one",
    source: "CLOUDS.md 4 (immutable subjects)",
    claims: githubClaims({ sub: "repo:octo-org@5544123/octo-repo@821093847:ref:refs/heads/main" }),
    statements: [statement({ Condition: { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } } })],
    accepted: false,
    hint: /immutable subject .* legacy name-only form/,
  },
  {
    name: "an environment run against a branch-pinned trust",
    source: "CLOUDS.md 4 (sub precedence: environment > pull_request > ref)",
    claims: envClaims,
    statements: [statement({ Condition: { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } } })],
    accepted: false,
    hint: /ran in the environment 'prod'.*trusts the branch 'main'/,
  },
  {
    name: "a policy with no Allow statement",
    source: "CLOUDS.md 2.6 (implicit deny)",
    statements: [
      statement({ Effect: "Deny", Condition: { StringLike: { [`${gh}:sub`]: "*:pull_request" } } }),
    ],
    accepted: false,
    message: /no Allow statement/,
  },
  {
    name: "a condition key with another provider's prefix",
    source: "CLOUDS.md 2.1 (key prefix = URL without https://, as registered)",
    statements: [
      statement({ Condition: { StringEquals: { [`${gh}/:aud`]: "sts.amazonaws.com" } } }),
    ],
    accepted: false,
    hint: /belongs to another provider/,
  },
  {
    name: "a global key STS takes from the request, which Fedlens is not told",
    source: "CLOUDS.md 2.4, IAM global condition context keys (aws:SourceIp)",
    statements: [
      statement({
        Condition: {
          StringEquals: { ...aud, [`${gh}:sub`]: branchSub },
          IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
        },
      }),
    ],
    accepted: false,
    undecided: true,
    message: /The verdict depends on aws:SourceIp, which STS takes from the request/,
  },
  {
    name: "the nearest of two Allow statements: the one with the right principal",
    source: "issue 4 item 3 (name the statement that decided)",
    statements: [
      statement({ Sid: "Other", Principal: { Federated: gitlabArn } }),
      statement({
        Sid: "Close",
        Condition: {
          StringEquals: { ...aud, [`${gh}:sub`]: "repo:octo-org/octo-repo:ref:refs/heads/dev" },
        },
      }),
    ],
    accepted: false,
    message: /the nearest, Sid "Close", fails on StringEquals/,
  },
  {
    name: 'Principal "*"',
    source: 'IAM Principal element ("*" names everyone)',
    statements: [
      statement({
        Principal: "*",
        Condition: { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } },
      }),
    ],
    accepted: true,
  },
];

describe("evaluateAws: trust policy keys and near misses", () => {
  it.each(policyRows(cases))("%s %s (%s)", (_verdict, _name, _source, row) => {
    expectPolicyCase(row);
  });
});
