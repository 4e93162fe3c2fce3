import { describe, it } from "vitest";
import { gh, githubClaims, statement } from "./fixtures";
import { expectPolicyCase, policyRows, type PolicyCase } from "./policy-case";
import { aud, branchSub } from "./policy-tokens";

// A token carrying https://aws.amazon.com/source_identity asks STS to set a
// source identity: "the role trust policy must allow the
// sts:SetSourceIdentity action" (IAM User Guide "Monitor and control actions
// taken with assumed roles"), and sts:SourceIdentity holds the claim's value.

const source = 'IAM User Guide "Monitor and control actions taken with assumed roles"';
const pinned = { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } };
const assume = "sts:AssumeRoleWithWebIdentity";
const withIdentity = githubClaims({ "https://aws.amazon.com/source_identity": "admin-bob" });

const cases: PolicyCase[] = [
  {
    name: "a source identity when the trust allows only AssumeRoleWithWebIdentity",
    source,
    claims: withIdentity,
    statements: [statement({ Condition: pinned })],
    accepted: false,
    refusedAction: "sts:SetSourceIdentity",
    message: /No statement allows sts:SetSourceIdentity/,
    hint: /carries the https:\/\/aws\.amazon\.com\/source_identity claim/,
  },
  {
    name: "a source identity when the trust allows sts:SetSourceIdentity too",
    source,
    claims: withIdentity,
    statements: [statement({ Action: [assume, "sts:SetSourceIdentity"], Condition: pinned })],
    accepted: true,
  },
  {
    name: "a source identity matching an sts:SourceIdentity condition",
    source: `${source}; IAM condition keys sts:SourceIdentity`,
    claims: withIdentity,
    statements: [
      statement({ Condition: pinned }),
      statement({
        Action: "sts:SetSourceIdentity",
        Condition: { StringLike: { "sts:SourceIdentity": "admin-*" } },
      }),
    ],
    accepted: true,
  },
  {
    name: "a source identity outside an sts:SourceIdentity condition",
    source: `${source}; IAM condition keys sts:SourceIdentity`,
    claims: withIdentity,
    statements: [
      statement({ Condition: pinned }),
      statement({
        Action: "sts:SetSourceIdentity",
        Condition: { StringEquals: { "sts:SourceIdentity": "ci-bot" } },
      }),
    ],
    accepted: false,
    refusedAction: "sts:SetSourceIdentity",
  },
  {
    name: "a source identity denied by its value",
    source: `${source}; IAM condition keys sts:SourceIdentity`,
    claims: withIdentity,
    statements: [
      statement({ Action: [assume, "sts:SetSourceIdentity"], Condition: pinned }),
      statement({
        Effect: "Deny",
        Action: "sts:SetSourceIdentity",
        Condition: { StringLike: { "sts:SourceIdentity": "admin-*" } },
      }),
    ],
    accepted: false,
    refusedAction: "sts:SetSourceIdentity",
    message: /denies sts:SetSourceIdentity/,
  },
  {
    name: "session tags and a source identity when only sts:TagSession is allowed too",
    source: `${source}; IAM User Guide "Pass session tags in AWS STS"`,
    claims: githubClaims({
      "https://aws.amazon.com/source_identity": "admin-bob",
      "https://aws.amazon.com/tags": { principal_tags: { Project: ["Automation"] } },
    }),
    statements: [statement({ Action: [assume, "sts:TagSession"], Condition: pinned })],
    accepted: false,
    refusedAction: "sts:SetSourceIdentity",
  },
  {
    name: "a token without the claim, with no sts:SetSourceIdentity in the trust",
    source,
    statements: [statement({ Condition: pinned })],
    accepted: true,
  },
];

describe("evaluateAws: source identity needs sts:SetSourceIdentity", () => {
  it.each(policyRows(cases))("%s %s (%s)", (_verdict, _name, _source, row) => {
    expectPolicyCase(row);
  });
});
