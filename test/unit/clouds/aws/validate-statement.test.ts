import { describe, expect, it } from "vitest";
import { validateTrustStatement } from "@/lib/clouds/aws/validate-statement";
import { context, gh, good, sub, variant, type Statement } from "./statement-fixtures";

// Errors: what IAM refuses, or what can never let a token in (CLOUDS.md 2.3–2.5).

describe("validateTrustStatement", () => {
  it("reports nothing for an Allow with aud and an exact subject", () => {
    expect(validateTrustStatement(good(), context)).toEqual({ errors: [], warnings: [] });
  });

  it("accepts several actions, a Federated list and keys in other letter case", () => {
    const statement = variant((s) => {
      s.Action = ["sts:TagSession", "STS:assumerolewithwebidentity"];
      s.Principal = {
        Federated: [context.providerArn, "arn:aws:iam::123456789012:oidc-provider/gitlab.com"],
      };
      s.Condition = {
        StringEquals: {
          "TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:AUD": "sts.amazonaws.com",
          [`${gh}:SUB`]: "repo:contoso/api:environment:prod",
        },
      };
    });
    expect(validateTrustStatement(statement, context)).toEqual({ errors: [], warnings: [] });
  });

  it.each([
    ["null", null],
    ["a list of statements", [good()]],
    ["a string", "Allow"],
  ])("refuses %s as a statement", (_label, statement) => {
    expect(validateTrustStatement(statement, context).errors).toEqual([
      {
        path: "",
        message:
          "must be a JSON object: one statement with Effect, Principal, Action and Condition",
      },
    ]);
  });

  it.each<[string, (s: Statement) => void, string, string]>([
    ["a lower-case Effect", (s) => (s.Effect = "allow"), "Effect", "must be Allow or Deny"],
    ["a missing Effect", (s) => delete s.Effect, "Effect", "must be Allow or Deny"],
    [
      "a missing Action",
      (s) => delete s.Action,
      "Action",
      "is required: sts:AssumeRoleWithWebIdentity",
    ],
    [
      "another action only",
      (s) => (s.Action = "sts:AssumeRole"),
      "Action",
      "must include sts:AssumeRoleWithWebIdentity, the call that exchanges the token",
    ],
    [
      "an empty action list",
      (s) => (s.Action = []),
      "Action",
      "must be a string or a list of strings",
    ],
    ["a numeric action", (s) => (s.Action = 7), "Action", "must be a string or a list of strings"],
    [
      "a star Principal",
      (s) => (s.Principal = "*"),
      "Principal",
      'must be { "Federated": "<OIDC provider ARN>" }',
    ],
    [
      "an AWS principal only",
      (s) => (s.Principal = { AWS: "arn:aws:iam::123456789012:root" }),
      "Principal.Federated",
      "is required: the ARN of the IAM OIDC provider",
    ],
    [
      "a Federated object",
      (s) => (s.Principal = { Federated: { arn: "x" } }),
      "Principal.Federated",
      "must be a provider ARN or a list of them",
    ],
    [
      "a Sid with a hyphen",
      (s) => (s.Sid = "github-prod"),
      "Sid",
      "may contain only letters and digits: IAM refuses other characters in a Sid",
    ],
    ["a numeric Sid", (s) => (s.Sid = 7), "Sid", "must be a string of letters and digits"],
    [
      "a Resource",
      (s) => (s.Resource = "*"),
      "Resource",
      'a trust policy has no Resource; IAM answers "Has prohibited field Resource"',
    ],
    [
      "a lower-case element",
      (s) => (s.condition = {}),
      "condition",
      "IAM element names are case-sensitive: write Condition",
    ],
    [
      "an unknown element",
      (s) => (s.Comment = "x"),
      "Comment",
      "unknown element 'Comment'; a trust statement has Sid, Effect, Principal, Action and Condition",
    ],
    [
      "a Condition list",
      (s) => Object.assign(s, { Condition: [] }),
      "Condition",
      "must map condition operators to { key: value } objects",
    ],
    [
      "an operator in the wrong case",
      (s) => (s.Condition.stringLike = { [sub]: "repo:contoso/api:*" }),
      "Condition.stringLike",
      "unknown condition operator 'stringLike'; IAM operator names are case-sensitive: StringLike",
    ],
    [
      "an operator mapped to a string",
      (s) => (s.Condition.StringLike = "repo:contoso/*"),
      "Condition.StringLike",
      "must map condition keys to values",
    ],
    [
      "a numeric value",
      (s) => (s.Condition.NumericEquals = { [`${gh}:repository_id`]: 821093847 }),
      `Condition.NumericEquals.${gh}:repository_id`,
      "must be a string or a list of strings (write numbers and booleans in quotes)",
    ],
    [
      "a nested list value",
      (s) => (s.Condition.StringLike = { [sub]: [["repo:contoso/api:*"]] }),
      `Condition.StringLike.${sub}`,
      "must be a string or a list of strings (write numbers and booleans in quotes)",
    ],
    [
      "a custom claim STS does not expose (CLOUDS.md 2.4)",
      (s) =>
        (s.Condition.StringEquals = {
          ...(s.Condition.StringEquals as object),
          [`${gh}:repository_owner`]: "contoso",
        }),
      `Condition.StringEquals.${gh}:repository_owner`,
      "STS does not expose the claim 'repository_owner' as a condition key (only aud, sub, amr, azp, oaud, email); the key is always absent, so the condition is false (true under a negated operator).",
    ],
  ])("refuses %s", (_label, change, path, message) => {
    expect(validateTrustStatement(variant(change), context).errors).toEqual([{ path, message }]);
  });
});
