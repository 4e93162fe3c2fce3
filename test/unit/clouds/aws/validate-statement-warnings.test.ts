import { describe, expect, it } from "vitest";
import { validateTrustStatement } from "@/lib/clouds/aws/validate-statement";
import { aud, context, gh, good, sub, variant, type Statement } from "./statement-fixtures";

// Warnings: what fails at exchange time or trusts too much (CLOUDS.md 2.3–2.6, 5).

const noSub = `No condition on ${gh}:sub, so STS does not check the subject: any repository or tenant of this issuer could assume the role.`;

describe("validateTrustStatement warnings", () => {
  it.each<[string, (s: Statement) => void, { path: string; message: string; rule?: string }[]]>([
    [
      "an aud-only condition (CLOUDS.md 5.1, 5.11)",
      (s) => (s.Condition = { StringEquals: { [aud]: "sts.amazonaws.com" } }),
      [{ path: "Condition", message: noSub, rule: "aws-trust-no-sub" }],
    ],
    [
      "no Condition at all",
      (s) => delete (s as Partial<Statement>).Condition,
      [{ path: "Condition", message: noSub, rule: "aws-trust-no-sub" }],
    ],
    [
      "a sub condition only under a negated operator",
      (s) =>
        (s.Condition = {
          StringEquals: { [aud]: "sts.amazonaws.com" },
          StringNotLike: { [sub]: "repo:evil/*" },
        }),
      [{ path: "Condition", message: noSub, rule: "aws-trust-no-sub" }],
    ],
    [
      "ForAllValues: on sub (CLOUDS.md 5.3)",
      (s) =>
        (s.Condition = {
          StringEquals: { [aud]: "sts.amazonaws.com" },
          "ForAllValues:StringLike": { [sub]: "repo:contoso/api:environment:prod" },
        }),
      [
        {
          path: `Condition.ForAllValues:StringLike.${sub}`,
          message:
            "ForAllValues: is true when the token lacks the key, and :sub holds one value; drop the prefix.",
          rule: "aws-forallvalues-single-valued",
        },
        { path: "Condition", message: noSub, rule: "aws-trust-no-sub" },
      ],
    ],
    [
      "a wildcard under StringEquals (CLOUDS.md 2.5)",
      (s) =>
        (s.Condition = {
          StringEquals: { [aud]: "sts.amazonaws.com", [sub]: "repo:contoso/api:environment:*" },
        }),
      [
        {
          path: `Condition.StringEquals.${sub}`,
          message:
            "StringEquals compares literally, so '*' and '?' match only themselves; use StringLike for a pattern.",
        },
      ],
    ],
    [
      "an aud outside the provider's client ids (CLOUDS.md 2.3)",
      (s) =>
        (s.Condition = {
          StringEquals: {
            [aud]: "api://AzureADTokenExchange",
            [sub]: "repo:contoso/api:environment:prod",
          },
        }),
      [
        {
          path: `Condition.StringEquals.${aud}`,
          message:
            "'api://AzureADTokenExchange' is not one of the provider's client ids; STS rejects tokens whose aud is not in the provider's ClientIDList (\"Incorrect token audience\").",
        },
      ],
    ],
    [
      "an org-wide subject pattern (CLOUDS.md 5.2)",
      (s) =>
        (s.Condition = {
          StringEquals: { [aud]: "sts.amazonaws.com" },
          StringLike: { [sub]: "repo:contoso/*" },
        }),
      [
        {
          path: `Condition.StringLike.${sub}`,
          message:
            "This pattern matches every repository of contoso whose name fits, including ones created later.",
          rule: "aws-sub-owner-wide",
        },
      ],
    ],
    [
      "a *:* subject pattern (CLOUDS.md 5.2)",
      (s) =>
        (s.Condition = {
          StringEquals: { [aud]: "sts.amazonaws.com" },
          StringLike: { [sub]: "*:*" },
        }),
      [
        {
          path: `Condition.StringLike.${sub}`,
          message:
            "This pattern starts with '*', so subjects of any repository, project or tenant of this issuer match.",
          rule: "aws-sub-any-owner",
        },
      ],
    ],
    [
      "a Federated ARN of another provider (CLOUDS.md 2.3)",
      (s) => (s.Principal = { Federated: "arn:aws:iam::123456789012:oidc-provider/gitlab.com" }),
      [
        {
          path: "Principal.Federated",
          message: `is not this target's provider (${context.providerArn}); STS only considers statements whose Principal.Federated is the provider for the token's iss.`,
        },
      ],
    ],
    [
      "sts:* as the action",
      (s) => (s.Action = "sts:*"),
      [
        {
          path: "Action",
          message:
            "'sts:*' grants more STS actions than sts:AssumeRoleWithWebIdentity; name it instead.",
          rule: "aws-action-wildcard",
        },
      ],
    ],
    [
      "a Deny statement (CLOUDS.md 2.6)",
      (s) => (s.Effect = "Deny"),
      [
        {
          path: "Effect",
          message:
            "A Deny statement overrides every Allow in this trust policy for the requests it matches.",
        },
      ],
    ],
    [
      "an empty value list",
      (s) => (s.Condition.StringLike = { [`${gh}:environment`]: [] }),
      [
        {
          path: `Condition.StringLike.${gh}:environment`,
          message:
            "An empty list: nothing can match it, so the condition is false (true under a negated operator).",
        },
      ],
    ],
  ])("warns about %s", (_label, change, warnings) => {
    expect(validateTrustStatement(variant(change), context)).toEqual({ errors: [], warnings });
  });

  it("counts a GitHub repository_id condition as pinning the repository (CLOUDS.md 5.7)", () => {
    const statement = variant((s) => {
      s.Condition = {
        StringEquals: { [aud]: "sts.amazonaws.com", [`${gh}:repository_id`]: "821093847" },
      };
    });
    expect(validateTrustStatement(statement, context)).toEqual({ errors: [], warnings: [] });
  });

  it("does not warn that a Deny statement lacks a sub condition", () => {
    const statement = variant((s) => {
      s.Effect = "Deny";
      s.Condition = { StringLike: { [`${gh}:ref`]: "refs/heads/dependabot/*" } };
    });
    expect(validateTrustStatement(statement, context).warnings.map((w) => w.path)).toEqual([
      "Effect",
    ]);
  });

  it("skips the audience check when the provider's client ids are unknown", () => {
    const statement = good();
    statement.Condition = {
      StringEquals: { [aud]: "anything", [sub]: "repo:contoso/api:environment:prod" },
    };
    expect(validateTrustStatement(statement, { ...context, providerClientIds: [] })).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it("accepts an aud pattern under StringLike that fits a client id", () => {
    const statement = good();
    statement.Condition = {
      StringLike: { [aud]: "sts.*.com", [sub]: "repo:contoso/api:environment:prod" },
    };
    // The exact sub under StringLike is a (low) risk finding of its own, not an audience one.
    expect(validateTrustStatement(statement, context).warnings).toEqual([
      {
        path: `Condition.StringLike.${sub}`,
        message:
          "StringLike with no '*' or '?' compares exactly; use StringEquals so the trust reads as what it is.",
        rule: "aws-stringlike-no-wildcard",
      },
    ]);
  });

  it("refuses a GitHub-only key on an EKS provider", () => {
    const eks = "oidc.eks.eu-west-1.amazonaws.com/id/ABC";
    const statement = {
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${eks}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          [`${eks}:sub`]: "system:serviceaccount:payments:deployer",
          [`${eks}:repository`]: "x",
        },
      },
    };
    const findings = validateTrustStatement(statement, {
      providerKey: eks,
      providerArn: `arn:aws:iam::123456789012:oidc-provider/${eks}`,
      providerClientIds: ["sts.amazonaws.com"],
    });
    expect(findings.errors.map((error) => error.path)).toEqual([
      `Condition.StringEquals.${eks}:repository`,
    ]);
  });
});
