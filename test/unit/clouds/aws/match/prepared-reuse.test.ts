import { describe, expect, it } from "vitest";
import { awsEvaluator } from "@/lib/clouds/aws";
import { ZAwsEvaluatorBinding } from "@/lib/clouds/aws/evaluator-binding";
import type { Evaluation } from "@/lib/federation/types";
import {
  account,
  at,
  gh,
  ghArn,
  ghIssuer,
  githubClaims,
  policy,
  roleArn,
  statement,
} from "./fixtures";

// A prepared binding reads each statement once and keeps, per statement, what
// it found for every principal, action and provider key asked about, and
// which action each name covers across statements (statements.ts,
// compiled-condition.ts). Tokens judged one after another must each get the
// answer for their own provider and actions, whatever came first.

const gitlabIssuer = "https://gitlab.com";
const gitlabArn = `arn:aws:iam::${account}:oidc-provider/gitlab.com`;
const sub = "repo:octo-org/octo-repo:ref:refs/heads/main";

function prepared(statements: ReturnType<typeof statement>[]) {
  const binding = ZAwsEvaluatorBinding.parse({
    cloud: "aws",
    providerUrl: ghIssuer,
    clientIds: ["sts.amazonaws.com"],
    roleArn,
    trustPolicy: policy(...statements),
    additionalProviders: [{ providerUrl: gitlabIssuer, clientIds: ["sts.amazonaws.com"] }],
  });
  const evaluate = awsEvaluator.prepare(binding);
  return (claims: Record<string, unknown>): Evaluation =>
    evaluate({ token: { header: { alg: "RS256" }, claims, signature: "valid" }, at });
}

const fromGithub = githubClaims();
const fromGitlab = githubClaims({ iss: gitlabIssuer });
const failing = (evaluation: Evaluation) => evaluation.checks.find((check) => !check.ok);

describe("a prepared AWS binding judging tokens one after another", () => {
  it("matches Principal.Federated against the provider each token's iss finds (CLOUDS.md 2.3)", () => {
    const judge = prepared([statement({ Principal: { Federated: ghArn } })]);
    expect(judge(fromGithub).accepted).toBe(true);
    const gitlab = judge(fromGitlab);
    expect(gitlab.accepted).toBe(false);
    expect(failing(gitlab)?.expected).toBe(gitlabArn);
    expect(judge(fromGithub).accepted).toBe(true);
  });

  it("reads a condition key as the provider of each token means it (CLOUDS.md 2.4)", () => {
    const judge = prepared([
      statement({
        Principal: { Federated: [ghArn, gitlabArn] },
        Condition: { StringEquals: { [`${gh}:sub`]: sub } },
      }),
    ]);
    expect(judge(fromGithub).accepted).toBe(true);
    // For GitLab's provider, a token.actions.githubusercontent.com key is never set.
    const gitlab = judge(fromGitlab);
    expect(gitlab.accepted).toBe(false);
    expect(failing(gitlab)?.actual).toBe("(absent)");
    expect(judge(fromGithub).accepted).toBe(true);
  });

  it("checks each action a token asks for: sts:TagSession only for a token with session tags", () => {
    const judge = prepared([statement({ Principal: { Federated: ghArn } })]);
    const tagged = githubClaims({
      "https://aws.amazon.com/tags": { principal_tags: { team: ["platform"] } },
    });
    expect(judge(fromGithub).accepted).toBe(true);
    const refused = judge(tagged);
    expect(refused.accepted).toBe(false);
    expect(refused.cloudError?.message).toMatch(/sts:TagSession/);
    expect(judge(fromGithub).accepted).toBe(true);
  });
});

describe("one statement object in several places", () => {
  it("is labelled by its place in each policy (IAM names a statement without Sid by position)", () => {
    const shared = statement({ Condition: { StringEquals: { [`${gh}:sub`]: sub } } });
    const deny = statement({
      Effect: "Deny",
      Condition: { StringEquals: { [`${gh}:sub`]: "repo:other/other:ref:refs/heads/main" } },
    });
    const first = prepared([shared])(fromGithub);
    const second = prepared([deny, shared])(fromGithub);
    const twice = prepared([shared, shared])(fromGithub);
    expect(first.checks.at(-1)?.message).toMatch(/^Statement\[0\] allows/);
    expect(second.checks.at(-1)?.message).toMatch(/^Statement\[1\] allows/);
    expect(twice.checks.at(-1)?.message).toMatch(/^Statement\[0\] allows/);
  });
});

describe("statements judged one after another", () => {
  it("are each described by their own conditions", () => {
    const bySub = statement({ Condition: { StringEquals: { [`${gh}:sub`]: sub } } });
    const byRepository = statement({
      Condition: { StringEquals: { [`${gh}:repository`]: "octo-org/octo-repo" } },
    });
    const unconditional = statement();
    expect(prepared([bySub])(fromGithub).checks.at(-1)?.message).toBe(
      `Statement[0] allows sts:AssumeRoleWithWebIdentity: StringEquals ${gh}:sub ["${sub}"].`,
    );
    expect(prepared([byRepository])(fromGithub).checks.at(-1)?.message).toBe(
      `Statement[0] allows sts:AssumeRoleWithWebIdentity: StringEquals ${gh}:repository ["octo-org/octo-repo"].`,
    );
    expect(prepared([unconditional])(fromGithub).checks.at(-1)?.message).toBe(
      "Statement[0] allows sts:AssumeRoleWithWebIdentity: no condition.",
    );
  });

  it("describe a statement given a new Condition object by its new conditions, as they are read", () => {
    const edited = statement({ Condition: { StringEquals: { [`${gh}:sub`]: sub } } });
    expect(prepared([edited])(fromGithub).checks.at(-1)?.message).toMatch(/:sub \[/);
    edited.Condition = { StringEquals: { [`${gh}:repository`]: "octo-org/octo-repo" } };
    expect(prepared([edited])(fromGithub).checks.at(-1)?.message).toBe(
      `Statement[0] allows sts:AssumeRoleWithWebIdentity: StringEquals ${gh}:repository ["octo-org/octo-repo"].`,
    );
  });
});

describe("a statement replaced after the binding was prepared", () => {
  it("is read anew, as IAM reads the policy it holds", () => {
    const allow = statement({ Condition: { StringEquals: { [`${gh}:sub`]: sub } } });
    const deny = statement({ Effect: "Deny", Sid: "NoMain" });
    const binding = ZAwsEvaluatorBinding.parse({
      cloud: "aws",
      providerUrl: ghIssuer,
      clientIds: ["sts.amazonaws.com"],
      roleArn,
      trustPolicy: policy(allow),
    });
    const evaluate = awsEvaluator.prepare(binding);
    const judge = () =>
      evaluate({ token: { header: { alg: "RS256" }, claims: fromGithub, signature: "valid" }, at });
    expect(judge().accepted).toBe(true);
    (binding.trustPolicy?.Statement as unknown[])[0] = deny;
    const refused = judge();
    expect(refused.accepted).toBe(false);
    expect(failing(refused)?.message).toMatch(/^Sid "NoMain" denies/);
  });
});
