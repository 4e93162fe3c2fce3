import { describe, expect, it } from "vitest";
import {
  orderStatementKeys,
  renderTrustPolicy,
  subjectsOf,
  trustPolicyDefaultQuota,
  trustPolicyLength,
  trustPolicyMaxQuota,
  trustPolicySizeFindings,
} from "@/lib/clouds/aws/trust-policy";
import { buildTrustStatement, type IamStatement } from "@/lib/clouds/aws/trust-statement";

const gh = "token.actions.githubusercontent.com";
const statement = (sid: string, subjects: string[]): IamStatement =>
  buildTrustStatement({
    sid,
    providerArn: `arn:aws:iam::123456789012:oidc-provider/${gh}`,
    providerKey: gh,
    audiences: ["sts.amazonaws.com"],
    subjectOperator: "StringLike",
    subjects,
    extraConditions: [],
  });

/** A one-statement policy of exactly `length` characters, padded through the Sid. */
function policyOfLength(length: number) {
  const base = trustPolicyLength(renderTrustPolicy([statement("S", ["repo:contoso/api:*"])]));
  return renderTrustPolicy([statement(`S${"p".repeat(length - base)}`, ["repo:contoso/api:*"])]);
}

describe("renderTrustPolicy", () => {
  it("wraps statements in the 2012-10-17 policy document", () => {
    const statements = [statement("A", ["repo:contoso/a:*"]), statement("B", ["repo:contoso/b:*"])];
    expect(renderTrustPolicy(statements)).toEqual({ Version: "2012-10-17", Statement: statements });
  });
});

describe("trustPolicyLength", () => {
  it("counts the compact JSON, as IAM ignores whitespace", () => {
    const doc = renderTrustPolicy([statement("A", ["repo:contoso/a:*"])]);
    expect(trustPolicyLength(doc)).toBe(JSON.stringify(doc).length);
    expect(JSON.stringify(doc, null, 2).length).toBeGreaterThan(trustPolicyLength(doc));
  });
});

describe("trustPolicySizeFindings", () => {
  it("holds IAM's quotas (CLOUDS.md 2.6)", () => {
    expect([trustPolicyDefaultQuota, trustPolicyMaxQuota]).toEqual([2048, 4096]);
  });

  it.each([
    [2048, { errors: [], warnings: [] }],
    [
      2049,
      {
        errors: [],
        warnings: [
          {
            path: "",
            message:
              "The role's trust policy would be 2,049 characters; IAM's default quota is 2,048, which can be raised to 4,096 in Service Quotas.",
          },
        ],
      },
    ],
    [
      4096,
      {
        errors: [],
        warnings: [
          {
            path: "",
            message:
              "The role's trust policy would be 4,096 characters; IAM's default quota is 2,048, which can be raised to 4,096 in Service Quotas.",
          },
        ],
      },
    ],
    [
      4097,
      {
        errors: [
          {
            path: "",
            message:
              "The role's trust policy would be 4,097 characters; IAM refuses more than 4,096 even with a raised quota. Move some bindings to another role.",
          },
        ],
        warnings: [],
      },
    ],
  ])("reports a %i-character policy", (length, findings) => {
    const doc = policyOfLength(length);
    expect(trustPolicyLength(doc)).toBe(length);
    expect(trustPolicySizeFindings(doc)).toEqual(findings);
  });
});

describe("subjectsOf", () => {
  it("collects sub values of every operator, in order, without repeats", () => {
    const value: IamStatement = {
      Effect: "Allow",
      Principal: { Federated: "arn" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          [`${gh}:aud`]: "sts.amazonaws.com",
          [`${gh}:sub`]: "repo:contoso/a:environment:prod",
        },
        StringLike: {
          [`${gh.toUpperCase()}:SUB`]: ["repo:contoso/b:*", "repo:contoso/a:environment:prod"],
        },
        StringNotLike: { [`${gh}:sub`]: "repo:contoso/a:pull_request" },
        StringEqualsIgnoreCase: { "gitlab.com:sub": "project_path:g/p:ref_type:branch:ref:main" },
      },
    };
    expect(subjectsOf(value, gh)).toEqual([
      "repo:contoso/a:environment:prod",
      "repo:contoso/b:*",
      "repo:contoso/a:pull_request",
    ]);
  });

  it.each([
    ["no Condition", { Effect: "Allow" }],
    ["undefined", undefined],
    ["a Condition string", { Condition: "x" }],
    ["non-string values", { Condition: { StringEquals: { [`${gh}:sub`]: [1, null] } } }],
    ["an operator mapped to null", { Condition: { StringEquals: null } }],
  ])("returns nothing for %s", (_label, value) => {
    expect(subjectsOf(value as IamStatement | undefined, gh)).toEqual([]);
  });
});

describe("orderStatementKeys", () => {
  it("puts a statement read back from jsonb into IAM's usual order", () => {
    const shuffled = {
      Condition: { StringEquals: { "x:aud": "a" } },
      Action: "sts:AssumeRoleWithWebIdentity",
      Sid: "S1",
      Principal: { Federated: "arn" },
      Effect: "Allow",
    } as const;
    expect(Object.keys(orderStatementKeys(shuffled))).toEqual([
      "Sid",
      "Effect",
      "Principal",
      "Action",
      "Condition",
    ]);
    expect(Object.keys(renderTrustPolicy([shuffled]).Statement[0] ?? {})).toEqual([
      "Sid",
      "Effect",
      "Principal",
      "Action",
      "Condition",
    ]);
  });

  it("keeps other keys after IAM's, in their own order, a JSON __proto__ key as an own key", () => {
    const read = JSON.parse(
      '{"zeta":1,"__proto__":{"polluted":true},"Effect":"Allow","0":"zero","Sid":"S1","Resource":"*"}',
    ) as IamStatement;
    const ordered = orderStatementKeys(read);
    expect(Object.keys(ordered)).toEqual(["0", "Sid", "Effect", "zeta", "__proto__", "Resource"]);
    expect(Object.getPrototypeOf(ordered)).toBe(Object.prototype);
    expect(JSON.stringify(ordered)).toBe(
      '{"0":"zero","Sid":"S1","Effect":"Allow","zeta":1,"__proto__":{"polluted":true},"Resource":"*"}',
    );
  });
});
