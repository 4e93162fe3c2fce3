import { describe, expect, it } from "vitest";
import { evaluate, gh, githubClaims, policy, statement } from "./fixtures";
import { expectPolicyCase, policyRows, type PolicyCase } from "./policy-case";
import { aud, branchSub } from "./policy-tokens";

// Keys STS takes from the request (IAM User Guide "AWS global condition
// context keys", each key's Availability): some are always there, so Null on
// them is decided; the VPC keys, aws:SourceIp and aws:Referer are there only
// for some calls, so even Null, …IfExists and negated operators leave STS's
// answer open, and Fedlens answers FedlensUndecided, never AccessDenied.

const pinned = { StringEquals: { ...aud, [`${gh}:sub`]: branchSub } };
const availability = 'IAM User Guide "AWS global condition context keys" (Availability)';
const denyAll = (condition: Record<string, Record<string, unknown>>) =>
  statement({
    Effect: "Deny",
    Principal: "*",
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
  });

const cases: PolicyCase[] = [
  {
    name: "a Deny on Null aws:SourceVpce true: a runner on the public endpoint has no such key",
    source: `${availability}: aws:SourceVpce only through a VPC endpoint`,
    statements: [statement({ Condition: pinned }), denyAll({ Null: { "aws:SourceVpce": "true" } })],
    accepted: false,
    undecided: true,
    message: /depends on aws:SourceVpce.*only when the caller comes through a VPC endpoint/,
  },
  {
    name: "an Allow needing aws:SourceIp present (Null false), which a VPC-endpoint call lacks",
    source: `${availability}: aws:SourceIp except through a VPC endpoint`,
    statements: [statement({ Condition: { ...pinned, Null: { "aws:SourceIp": "false" } } })],
    accepted: false,
    undecided: true,
    message: /depends on aws:SourceIp/,
  },
  {
    name: "a Deny on Null aws:Referer true, a header only some callers send",
    source: `${availability}: aws:Referer`,
    statements: [statement({ Condition: pinned }), denyAll({ Null: { "aws:Referer": "true" } })],
    accepted: false,
    undecided: true,
  },
  {
    name: "a Deny on Null aws:VpcSourceIp false",
    source: `${availability}: aws:VpcSourceIp only through a VPC endpoint`,
    statements: [
      statement({ Condition: pinned }),
      denyAll({ Null: { "aws:VpcSourceIp": "false" } }),
    ],
    accepted: false,
    undecided: true,
  },
  {
    name: "a Deny on StringNotEqualsIfExists aws:SourceVpc",
    source: `${availability}: aws:SourceVpc; IAM condition operators (…IfExists)`,
    statements: [
      statement({ Condition: pinned }),
      denyAll({ StringNotEqualsIfExists: { "aws:SourceVpc": "vpc-111" } }),
    ],
    accepted: false,
    undecided: true,
  },
  {
    name: "a Deny on Null aws:SecureTransport true, a key always present",
    source: `${availability}: aws:SecureTransport is always included`,
    statements: [
      statement({ Condition: pinned }),
      denyAll({ Null: { "aws:SecureTransport": "true" } }),
    ],
    accepted: true,
  },
  {
    name: "an Allow needing aws:UserAgent present (Null false), a key always present",
    source: `${availability}: aws:UserAgent is always included`,
    statements: [statement({ Condition: { ...pinned, Null: { "aws:UserAgent": "false" } } })],
    accepted: true,
  },
  {
    name: "a Deny on Null sts:RoleSessionName true, a required parameter",
    source: "CLOUDS.md 2.2 (RoleSessionName is required)",
    statements: [
      statement({ Condition: pinned }),
      denyAll({ Null: { "sts:RoleSessionName": "true" } }),
    ],
    accepted: true,
  },
];

describe("evaluateAws: request keys that may be absent", () => {
  it.each(policyRows(cases))("%s %s (%s)", (_verdict, _name, _source, row) => {
    expectPolicyCase(row);
  });

  it('answers with the definite refusal when another action is refused outright (CLOUDS.md 2.3 step 5; IAM User Guide "Pass session tags in AWS STS")', () => {
    const claims = githubClaims({
      "https://aws.amazon.com/tags": { principal_tags: { Project: ["Automation"] } },
    });
    const evaluation = evaluate(claims, {
      trustPolicy: policy(
        statement({
          Condition: { ...pinned, StringNotLike: { "sts:RoleSessionName": "blocked-*" } },
        }),
      ),
    });
    expect(evaluation.accepted).toBe(false);
    expect(evaluation.cloudError).toEqual({
      code: "AccessDenied",
      message: "Not authorized to perform sts:TagSession",
    });
  });
});
