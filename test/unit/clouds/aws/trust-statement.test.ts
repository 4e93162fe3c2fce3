import { describe, expect, it } from "vitest";
import {
  buildTrustStatement,
  ZSid,
  type IamStatement,
  type TrustStatementInput,
} from "@/lib/clouds/aws/trust-statement";
import { issuesOf, parseOk } from "../../schemas/zod-issues";

const gh = "token.actions.githubusercontent.com";
const providerArn = `arn:aws:iam::123456789012:oidc-provider/${gh}`;

const base: TrustStatementInput = {
  sid: "GithubPaymentsProd",
  providerArn,
  providerKey: gh,
  audiences: ["sts.amazonaws.com"],
  subjectOperator: "StringEquals",
  subjects: ["repo:contoso/payments-api:environment:prod"],
  extraConditions: [],
};

const frame = {
  Sid: "GithubPaymentsProd",
  Effect: "Allow",
  Principal: { Federated: providerArn },
  Action: "sts:AssumeRoleWithWebIdentity",
} as const;

describe("ZSid", () => {
  it.each([["GithubPaymentsProd"], ["A"], ["s".repeat(128)]])("accepts %j", (sid) => {
    expect(parseOk(ZSid, sid)).toBe(sid);
  });

  const message = "may contain only letters and digits: IAM refuses other characters in a Sid";
  it.each([
    ["an empty string", "", "is required"],
    ["129 characters", "s".repeat(129), "must be at most 128 characters"],
    ["a hyphen", "github-prod", message],
    ["an underscore", "github_prod", message],
    ["a space", "Github Prod", message],
  ])("rejects %s", (_label, input, expected) => {
    expect(issuesOf(ZSid, input)).toEqual([{ path: "", message: expected }]);
  });
});

describe("buildTrustStatement", () => {
  it.each<[label: string, input: Partial<TrustStatementInput>, expected: IamStatement]>([
    [
      "one audience and one exact subject under one StringEquals",
      {},
      {
        ...frame,
        Condition: {
          StringEquals: {
            [`${gh}:aud`]: "sts.amazonaws.com",
            [`${gh}:sub`]: "repo:contoso/payments-api:environment:prod",
          },
        },
      },
    ],
    [
      "several subject patterns as a list under StringLike",
      {
        subjectOperator: "StringLike",
        subjects: ["repo:contoso/api:environment:*", "repo:contoso/api:ref:refs/tags/v*"],
      },
      {
        ...frame,
        Condition: {
          StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" },
          StringLike: {
            [`${gh}:sub`]: ["repo:contoso/api:environment:*", "repo:contoso/api:ref:refs/tags/v*"],
          },
        },
      },
    ],
    [
      "an extra provider claim merged into its operator",
      {
        extraConditions: [
          { operator: "StringEquals", claim: "repository_id", values: ["821093847"] },
        ],
      },
      {
        ...frame,
        Condition: {
          StringEquals: {
            [`${gh}:aud`]: "sts.amazonaws.com",
            [`${gh}:sub`]: "repo:contoso/payments-api:environment:prod",
            [`${gh}:repository_id`]: "821093847",
          },
        },
      },
    ],
    [
      "a global key kept as written, under a new operator",
      {
        extraConditions: [
          { operator: "IpAddress", claim: "aws:SourceIp", values: ["203.0.113.0/24"] },
        ],
      },
      {
        ...frame,
        Condition: {
          StringEquals: {
            [`${gh}:aud`]: "sts.amazonaws.com",
            [`${gh}:sub`]: "repo:contoso/payments-api:environment:prod",
          },
          IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
        },
      },
    ],
    [
      "a key given twice under one operator, as the union of its values",
      {
        extraConditions: [
          {
            operator: "StringEquals",
            claim: "sub",
            values: ["repo:contoso/payments-api:environment:staging"],
          },
          { operator: "StringEquals", claim: "aud", values: ["sts.amazonaws.com"] },
        ],
      },
      {
        ...frame,
        Condition: {
          StringEquals: {
            [`${gh}:aud`]: "sts.amazonaws.com",
            [`${gh}:sub`]: [
              "repo:contoso/payments-api:environment:prod",
              "repo:contoso/payments-api:environment:staging",
            ],
          },
        },
      },
    ],
    [
      "no sub condition when there are no subjects",
      { subjects: [] },
      { ...frame, Condition: { StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" } } },
    ],
    ["no Condition at all when nothing is given", { audiences: [], subjects: [] }, { ...frame }],
  ])("builds %s", (_label, overrides, expected) => {
    expect(buildTrustStatement({ ...base, ...overrides })).toStrictEqual(expected);
  });

  it("uses the provider key with its trailing slash (CLOUDS.md 2.1)", () => {
    const statement = buildTrustStatement({ ...base, providerKey: "auth-dev.mozilla.auth0.com/" });
    expect(Object.keys(statement.Condition?.StringEquals ?? {})).toEqual([
      "auth-dev.mozilla.auth0.com/:aud",
      "auth-dev.mozilla.auth0.com/:sub",
    ]);
  });
});
