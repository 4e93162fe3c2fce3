import { describe, it } from "vitest";
import { gh, githubClaims, statement } from "./fixtures";
import { expectPolicyCase, policyRows, type PolicyCase } from "./policy-case";
import { aud, branchSub, google, googleClaims } from "./policy-tokens";

// Trust-policy cases where the token alone used to look enough: session tags
// that need sts:TagSession, keys STS takes from the request, { "AWS": "*" },
// policy variables, and built-in providers without a client-id list.

const pinned = { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } };
const both = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"];
const tagsSource = 'IAM User Guide "Pass session tags in AWS STS" (sts:TagSession)';
const tagged = githubClaims({
  "https://aws.amazon.com/tags": {
    principal_tags: { Project: ["Automation"], CostCenter: ["987654"] },
    transitive_tag_keys: ["CostCenter"],
  },
});
const variablesSource =
  'IAM policy elements: "Variables and tags" (special characters, default values)';

const cases: PolicyCase[] = [
  {
    name: "a token passing session tags to a role whose trust allows only AssumeRoleWithWebIdentity",
    source: tagsSource,
    claims: tagged,
    statements: [statement({ Condition: pinned })],
    accepted: false,
    refusedAction: "sts:TagSession",
    message: /No statement allows sts:TagSession/,
    hint: /carries the https:\/\/aws\.amazon\.com\/tags claim/,
  },
  {
    name: "a token passing session tags to a role whose trust allows sts:TagSession too",
    source: tagsSource,
    claims: tagged,
    statements: [statement({ Action: both, Condition: pinned })],
    accepted: true,
  },
  {
    name: "session tags whose aws:RequestTag condition on TagSession does not hold",
    source: `${tagsSource}; IAM global keys aws:RequestTag/<key>`,
    claims: tagged,
    statements: [
      statement({ Condition: pinned }),
      statement({
        Action: "sts:TagSession",
        Condition: { StringEquals: { "aws:RequestTag/Project": "Billing" } },
      }),
    ],
    accepted: false,
    refusedAction: "sts:TagSession",
  },
  {
    name: "session tags denied on TagSession by their transitive keys",
    source: `${tagsSource}; IAM global keys sts:TransitiveTagKeys`,
    claims: tagged,
    statements: [
      statement({ Action: both, Condition: pinned }),
      statement({
        Effect: "Deny",
        Action: "sts:TagSession",
        Condition: { "ForAnyValue:StringEquals": { "sts:TransitiveTagKeys": "CostCenter" } },
      }),
    ],
    accepted: false,
    refusedAction: "sts:TagSession",
    message: /denies sts:TagSession/,
  },
  {
    name: "an Allow excluding session names with StringNotLike on sts:RoleSessionName",
    source: "CLOUDS.md 2.2 (RoleSessionName is required); IAM global keys",
    statements: [
      statement({
        Condition: { ...pinned, StringNotLike: { "sts:RoleSessionName": "blocked-*" } },
      }),
    ],
    accepted: false,
    undecided: true,
    message: /The verdict depends on sts:RoleSessionName, which STS takes from the request/,
    hint: /no field for sts:RoleSessionName, so supply the value yourself/,
  },
  {
    name: "an Allow beside a Deny on aws:RequestedRegion, which the request sets",
    source: "IAM global condition context keys (aws:RequestedRegion)",
    statements: [
      statement({ Condition: pinned }),
      statement({
        Effect: "Deny",
        Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } },
      }),
    ],
    accepted: false,
    undecided: true,
    message: /depends on aws:RequestedRegion/,
  },
  {
    name: "a Deny on a request key whose statement another condition already refutes",
    source: "CLOUDS.md 2.5 (keys AND together), IAM global keys",
    statements: [
      statement({ Condition: pinned }),
      statement({
        Effect: "Deny",
        Condition: {
          StringEquals: { [`${gh}:sub`]: "repo:other/x:ref:refs/heads/main" },
          Bool: { "aws:SecureTransport": "false" },
        },
      }),
    ],
    accepted: true,
  },
  {
    name: 'a Deny for Principal { "AWS": "*" }, which names everyone as "*" does',
    source: 'IAM JSON policy elements: Principal ("All principals")',
    statements: [
      statement({ Condition: pinned }),
      statement({ Effect: "Deny", Principal: { AWS: "*" } }),
    ],
    accepted: false,
    message: /denies sts:AssumeRoleWithWebIdentity/,
  },
  {
    name: "${*} in a StringLike sub, a literal star under Version 2012-10-17, not a wildcard",
    source: variablesSource,
    claims: githubClaims({ sub: "repo:octo-org/octo-repo:${main}" }),
    statements: [
      statement({
        Condition: {
          StringEquals: aud,
          StringLike: { [`${gh}:sub`]: "repo:octo-org/octo-repo:${*}" },
        },
      }),
    ],
    accepted: false,
  },
  {
    name: "${*} in a StringLike sub, matching only a literal star under Version 2012-10-17",
    source: variablesSource,
    claims: githubClaims({ sub: "repo:octo-org/octo-repo:*" }),
    statements: [
      statement({
        Condition: {
          StringEquals: aud,
          StringLike: { [`${gh}:sub`]: "repo:octo-org/octo-repo:${*}" },
        },
      }),
    ],
    accepted: true,
  },
  {
    name: "${*} under Version 2008-10-17, plain text whose * is a wildcard",
    source: variablesSource,
    version: "2008-10-17",
    claims: githubClaims({ sub: "repo:octo-org/octo-repo:${main}" }),
    statements: [
      statement({
        Condition: {
          StringEquals: aud,
          StringLike: { [`${gh}:sub`]: "repo:octo-org/octo-repo:${*}" },
        },
      }),
    ],
    accepted: true,
  },
  {
    name: "a variable naming a key the token lacks, with no default, in StringLike",
    source: variablesSource,
    statements: [
      statement({
        Condition: {
          StringEquals: aud,
          StringLike: { [`${gh}:sub`]: "repo:${aws:PrincipalTag/org}/*" },
        },
      }),
    ],
    accepted: false,
  },
  {
    name: "a variable with a default, used when the key is missing",
    source: variablesSource,
    statements: [
      statement({
        Condition: {
          StringEquals: {
            ...aud,
            [`${gh}:sub`]: "repo:${aws:PrincipalTag/org, 'octo-org'}/octo-repo:ref:refs/heads/main",
          },
        },
      }),
    ],
    accepted: true,
  },
  {
    name: "a variable substituted from the token's own key, which lets any owner's main branch in",
    source: `${variablesSource}; CLOUDS.md 5.2`,
    statements: [
      statement({
        Condition: {
          StringEquals: {
            ...aud,
            [`${gh}:sub`]:
              "repo:${token.actions.githubusercontent.com:repository}:ref:refs/heads/main",
          },
        },
      }),
    ],
    accepted: true,
    broad: true,
  },
  {
    name: "a Google token admitted with no condition on accounts.google.com:aud",
    source: "CLOUDS.md 2.1 (built-in IdPs have no ClientIDList), 2.4",
    claims: googleClaims({}),
    statements: [google(undefined)],
    accepted: true,
    broad: true,
  },
  {
    name: "a Google token admitted on its :aud",
    source: "CLOUDS.md 2.1, 2.4 (accounts.google.com:aud)",
    claims: googleClaims({}),
    statements: [
      google({
        StringEquals: { "accounts.google.com:aud": "32555940559.apps.googleusercontent.com" },
      }),
    ],
    accepted: true,
  },
];

describe("evaluateAws: session tags, request keys, principals, variables, built-in providers", () => {
  it.each(policyRows(cases))("%s %s (%s)", (_verdict, _name, _source, row) => {
    expectPolicyCase(row);
  });
});
