import { describe, expect, it } from "vitest";
import { account, evaluate, gh, githubClaims, policy, statement } from "./fixtures";
import { aud } from "./policy-tokens";

// When an allowing statement admits far more than one workload (CLOUDS.md
// 5.1, 5.2): a pin whose value is a policy variable of the token's own keys
// compares the claim with itself (IAM policy elements: "Variables and tags"),
// and a GHEC enterprise issuer is shared only by that enterprise (CLOUDS.md 2.1, 4).

const self = (suffix: string) => `\${${gh}:${suffix}}`;
const strangerSub = "repo:evil-org/anything:ref:refs/heads/main";

describe("evaluateAws: broad trusts pinned with the token's own values", () => {
  it.each([
    [
      "StringEquals sub = ${…:sub}",
      { StringEquals: { ...aud, [`${gh}:sub`]: self("sub") } },
      /pins token\.actions\.githubusercontent\.com:sub only with "\$\{token\.actions\.githubusercontent\.com:sub\}".*compares the claim with itself, so any GitHub Actions repository/,
    ],
    [
      "StringLike sub = ${…:sub}",
      { StringEquals: aud, StringLike: { [`${gh}:sub`]: self("sub") } },
      /compares the claim with itself/,
    ],
    [
      "StringEquals repository = ${…:repository}",
      { StringEquals: { ...aud, [`${gh}:repository`]: self("repository") } },
      /compares the claim with itself/,
    ],
    [
      "sub = repo:${…:repository}:ref:refs/heads/main",
      {
        StringEquals: {
          ...aud,
          [`${gh}:sub`]: `repo:${self("repository")}:ref:refs/heads/main`,
        },
      },
      /read as "repo:\*:ref:refs\/heads\/main", it puts a wildcard in the owner/,
    ],
  ])(
    'accepts a stranger\'s token and marks %s broad (IAM "Variables and tags"; CLOUDS.md 5.1)',
    (_label, condition, reason) => {
      const evaluation = evaluate(
        githubClaims({ sub: strangerSub, repository: "evil-org/anything" }),
        {
          trustPolicy: policy(statement({ Condition: condition })),
        },
      );
      expect(evaluation.accepted).toBe(true);
      expect(evaluation.broad?.reason).toMatch(reason);
    },
  );

  it("does not mark broad a self-compared sub beside a fixed repository_id (CLOUDS.md 5.1)", () => {
    const evaluation = evaluate(githubClaims(), {
      trustPolicy: policy(
        statement({
          Condition: {
            StringEquals: {
              ...aud,
              [`${gh}:sub`]: self("sub"),
              [`${gh}:repository_id`]: "821093847",
            },
          },
        }),
      ),
    });
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.broad).toBeUndefined();
  });

  it('reads ${…:sub} as text under Version 2008-10-17, so it pins (and refuses) rather than compares the claim with itself (IAM "Variables and tags")', () => {
    const { Statement } = policy(
      statement({ Condition: { StringEquals: { ...aud, [`${gh}:sub`]: self("sub") } } }),
    );
    const evaluation = evaluate(githubClaims(), {
      trustPolicy: { Version: "2008-10-17", Statement },
    });
    expect(evaluation.accepted).toBe(false);
    expect(evaluation.broad).toBeUndefined();
  });
});

describe("evaluateAws: broad trusts on a GHEC enterprise issuer (CLOUDS.md 2.1, 4 GitHub Actions)", () => {
  it("names the enterprise, not every GitHub repository, when nothing pins the workload", () => {
    const key = `${gh}/contoso`;
    const evaluation = evaluate(githubClaims({ iss: `https://${key}`, sub: strangerSub }), {
      providerUrl: `https://${key}`,
      trustPolicy: policy(
        statement({
          Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${key}` },
          Condition: { StringEquals: { [`${key}:aud`]: "sts.amazonaws.com" } },
        }),
      ),
    });
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.broad?.reason).toMatch(
      /any repository of GitHub enterprise contoso whose token carries an accepted aud/,
    );
  });
});

describe("evaluateAws: the keys that pin a workload follow each token's provider", () => {
  it("reads a GitLab trust pinned by its sub as narrow after a GitHub one (CLOUDS.md 5.1, 5.11)", () => {
    const github = evaluate(githubClaims(), {});
    expect(github.accepted).toBe(true);
    expect(github.broad).toBeUndefined();
    const gitlab = "gitlab.com";
    const sub = "project_path:group/app:ref_type:branch:ref:main";
    const evaluation = evaluate(githubClaims({ iss: `https://${gitlab}`, sub }), {
      providerUrl: `https://${gitlab}`,
      trustPolicy: policy(
        statement({
          Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${gitlab}` },
          Condition: {
            StringEquals: { [`${gitlab}:aud`]: "sts.amazonaws.com", [`${gitlab}:sub`]: sub },
          },
        }),
      ),
    });
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.broad).toBeUndefined();
  });
});
