import { describe, expect, it } from "vitest";
import { checkOf, evaluate, gh, ghArn, githubClaims } from "./fixtures";

// A trust policy whose JSON repeats a key: IAM "silently keeps only one"
// (CLOUDS.md 2.5; alphagov/govuk-infrastructure#879), and which one is
// undocumented. Each reading (last kept, first kept) accepts, refuses, or
// leaves STS's answer open; readings that differ give no verdict, worded
// with Fedlens's own code rather than AccessDenied.

const source = "CLOUDS.md 2.5, 5.4 (duplicate JSON keys; alphagov/govuk-infrastructure#879)";
const audIs = `"${gh}:aud":"sts.amazonaws.com"`;
const subIs = (sub: string) => `"${gh}:sub":"${sub}"`;
const main = "repo:octo-org/octo-repo:ref:refs/heads/main";
const sessionOpen = `"StringNotLike":{"sts:RoleSessionName":"blocked-*"}`;
const raw = (condition: string) =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${ghArn}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{${condition}}}]}`;
const undecided = {
  code: "FedlensUndecided",
  message:
    "STS may accept or refuse this token: the answer depends on which of the policy's repeated keys IAM keeps.",
};

describe("evaluateAws: duplicate keys read three ways", () => {
  it.each([
    [
      "the last reading undecided, the first refused",
      `"StringEquals":{${subIs("repo:other/x:ref:refs/heads/main")}},"StringEquals":{${audIs}},${sessionOpen}`,
      undecided,
      /keeping the last of each, Fedlens cannot tell what STS would answer; keeping the first, STS would refuse it/,
    ],
    [
      "the last reading accepted, the first undecided",
      `"StringNotLike":{"sts:RoleSessionName":"blocked-*"},"StringNotLike":{${subIs("repo:evil-org/*")}},"StringEquals":{${audIs},${subIs(main)}}`,
      undecided,
      /keeping the last of each, STS would accept this token; keeping the first, Fedlens cannot tell what STS would answer/,
    ],
    [
      "both readings refused",
      `"StringEquals":{${subIs("repo:a/b:ref:refs/heads/main")}},"StringEquals":{${subIs("repo:c/d:ref:refs/heads/main")}}`,
      { code: "AccessDenied", message: "Not authorized to perform sts:AssumeRoleWithWebIdentity" },
      /No statement allows/,
    ],
  ])(`%s (${source})`, (_label, condition, cloudError, message) => {
    const evaluation = evaluate(githubClaims(), { trustPolicyRaw: raw(condition) });
    expect(evaluation.accepted).toBe(false);
    expect(evaluation.cloudError).toEqual(cloudError);
    const failed = evaluation.checks.find((check) => !check.ok) ?? checkOf(evaluation, "condition");
    expect(failed.message).toMatch(message);
  });

  it(`accepts when both readings accept (${source})`, () => {
    const condition = `"StringEquals":{${audIs},${subIs(main)}},"StringEquals":{${audIs},${subIs(main)}}`;
    const evaluation = evaluate(githubClaims(), { trustPolicyRaw: raw(condition) });
    expect(evaluation.accepted).toBe(true);
  });
});
