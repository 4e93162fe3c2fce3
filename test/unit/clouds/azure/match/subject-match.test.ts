import { describe, expect, it } from "vitest";
import {
  aksClaims,
  aksIssuer,
  envFic,
  envSub,
  evaluate,
  expectOutcome,
  github,
  githubClaims,
  identity,
  mainFic,
  mainSub,
  single,
  token,
  titled,
  type Case,
} from "./fixtures";

// Plain-credential subjects (CLOUDS.md 1.3: exact, case-sensitive, no
// wildcards) and identities holding several credentials or none.

const aksFic = { name: "aks", issuer: aksIssuer, subject: "system:serviceaccount:wkldid:sawkldid" };

const subjectCases: Case[] = [
  {
    name: "refuses a pull_request token against a branch-pinned credential, saying it came from a pull_request event",
    source: "CLOUDS.md 4 (sub precedence environment > pull_request > ref) and 1.8 (AADSTS700213)",
    token: token(githubClaims("repo:contoso/api:pull_request")),
    binding: single(mainFic),
    code: "AADSTS700213",
    check: "subject",
    hint: "The token came from a pull_request event",
    message: "presented assertion subject 'repo:contoso/api:pull_request'",
  },
  {
    name: "refuses a branch token against an environment credential, telling the job to use the environment",
    source: "CLOUDS.md 4 (GitHub OIDC reference: environment subject) and 5.6",
    token: token(githubClaims(mainSub)),
    binding: single(envFic),
    code: "AADSTS700213",
    check: "subject",
    hint: "Add 'environment: production' to the job",
  },
  {
    name: "refuses an environment token against a branch credential, saying the sub names the environment",
    source: "CLOUDS.md 4 (precedence: environment > pull_request > ref)",
    token: token(githubClaims(envSub)),
    binding: single(mainFic),
    code: "AADSTS700213",
    check: "subject",
    hint: "The job ran in the environment 'production'",
  },
  {
    name: "answers AADSTS7002138 when the subject differs only in case",
    source: "CLOUDS.md 1.3 and 1.8 (Azure/login#515, breaking change Aug 2024)",
    token: token(githubClaims("repo:contoso/api:environment:Production")),
    binding: single(envFic),
    code: "AADSTS7002138",
    check: "subject",
    hint: "differ only in letter case",
    message:
      "The subject matches with case-insensitive comparison, but not with case-sensitive comparison.",
  },
  {
    name: "refuses an immutable GitHub subject against a legacy credential, naming the immutable form",
    source: "CLOUDS.md 4 (immutable subjects, Entra immutable-subject guide)",
    token: token(githubClaims("repo:contoso@5544123/api@821093847:environment:production")),
    binding: single(envFic),
    code: "AADSTS700213",
    check: "subject",
    hint: "immutable subject (repo:OWNER@ID/REPO@ID:…)",
  },
  {
    name: "refuses a legacy GitHub subject against an immutable credential",
    source: "CLOUDS.md 4 (immutable subjects opt-in; not on GHES)",
    token: token(githubClaims(envSub)),
    binding: single({
      ...envFic,
      subject: "repo:contoso@5544123/api@821093847:environment:production",
    }),
    code: "AADSTS700213",
    check: "subject",
    hint: "legacy name-only form",
  },
  {
    name: "refuses a token from another repository, naming both",
    source: "CLOUDS.md 1.3 (exact subject) and 4 (repo:ORG/REPO)",
    token: token(githubClaims("repo:contoso/web:environment:production")),
    binding: single(envFic),
    code: "AADSTS700213",
    check: "subject",
    hint: "from the repository contoso/web; this credential trusts contoso/api",
  },
  {
    name: "matches '*' in a plain credential literally",
    source: "CLOUDS.md 1.3 (no wildcards; tig/winprint#125)",
    token: token(githubClaims(envSub)),
    binding: single({ ...envFic, subject: "repo:contoso/api:*" }),
    code: "AADSTS700213",
    check: "subject",
    hint: "A plain credential has no wildcards",
  },
  {
    name: "recognises a customised GitHub sub template",
    source: "CLOUDS.md 4 (custom sub templates: include_claim_keys replaces the whole sub)",
    token: token(githubClaims("repository_owner:contoso:repository_visibility:private")),
    binding: single(envFic),
    code: "AADSTS700213",
    check: "subject",
    hint: "customised sub template",
  },
  {
    name: "names the namespace when a Kubernetes service account of another namespace presents its token",
    source: "CLOUDS.md 4 (Kubernetes sub system:serviceaccount:<ns>:<name>)",
    token: token(aksClaims({ sub: "system:serviceaccount:default:sawkldid" })),
    binding: single(aksFic),
    code: "AADSTS700213",
    check: "subject",
    hint: "runs in the namespace 'default'",
  },
  {
    name: "refuses a token without sub",
    source: "CLOUDS.md 1.3 (subject compared exactly) and 1.8 (AADSTS700213)",
    token: token(githubClaims(envSub, { sub: undefined })),
    binding: single(envFic),
    code: "AADSTS700213",
    check: "subject",
  },
];

const identityCases: Case[] = [
  {
    name: "accepts when any one of several credentials matches",
    source: "issue 4 item 5 (accepted when any matches); CLOUDS.md 1.5 (up to 20 per identity)",
    token: token(githubClaims(envSub)),
    binding: identity([
      mainFic,
      envFic,
      { name: "gh-pr", issuer: github, subject: "repo:contoso/api:pull_request" },
    ]),
    code: null,
  },
  {
    name: "answers AADSTS7002138 when the nearest credential differs only in case",
    source: "CLOUDS.md 1.8 (AADSTS7002138)",
    token: token(githubClaims("repo:Contoso/api:ref:refs/heads/main")),
    binding: identity([envFic, mainFic]),
    code: "AADSTS7002138",
    check: "subject",
  },
  {
    name: "answers AADSTS700212 when a credential has the issuer but none the audience",
    source: "CLOUDS.md 1.3 (split codes: 700211 issuer, 700212 audience)",
    token: token(githubClaims(envSub, { aud: "https://github.com/contoso" })),
    binding: identity([aksFic, envFic]),
    code: "AADSTS700212",
    check: "audience",
  },
  {
    name: "answers AADSTS700211 when no credential has the token's issuer",
    source: "CLOUDS.md 1.8 (AADSTS700211)",
    token: token(aksClaims()),
    binding: identity([envFic, mainFic]),
    code: "AADSTS700211",
    check: "issuer",
  },
  {
    name: "answers AADSTS70025 when the identity has no credentials",
    source: "CLOUDS.md 1.8 (AADSTS70025, ADO troubleshooting)",
    token: token(githubClaims(envSub)),
    binding: identity([]),
    request: { azure: { clientId: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" } },
    code: "AADSTS70025",
    check: "target",
    message:
      "The client '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0'(…) has no configured federated identity credentials.",
  },
];

describe("evaluateAzure: subject", () => {
  it.each(titled(subjectCases))("%s", (_title, testCase) => {
    expectOutcome(evaluate(testCase.token, testCase.binding, testCase.request), testCase);
  });
});

describe("evaluateAzure: an identity with several credentials or none", () => {
  it.each(titled(identityCases))("%s", (_title, testCase) => {
    expectOutcome(evaluate(testCase.token, testCase.binding, testCase.request), testCase);
  });

  it("names the credential that matched and its position", () => {
    const evaluation = evaluate(token(githubClaims(envSub)), identity([mainFic, envFic]));
    expect(evaluation.checks[0]).toMatchObject({
      check: "target",
      ok: true,
      message: "Credential 'gh-production' (2 of 2) matches the token.",
    });
  });

  it("reports the nearest credential's checks when none matches", () => {
    const evaluation = evaluate(
      token(githubClaims("repo:contoso/api:pull_request")),
      identity([{ ...aksFic }, mainFic]),
    );
    expect(evaluation.checks[0]?.message).toBe(
      "None of the 2 credentials matches; the nearest, 'gh-main' (2 of 2), is checked below.",
    );
    expect(evaluation.checks.find((check) => check.check === "subject")).toMatchObject({
      ok: false,
      expected: mainSub,
      actual: "repo:contoso/api:pull_request",
    });
  });

  it("still evaluates the token's own checks when the identity has no credentials, and flags an Entra issuer", () => {
    const evaluation = evaluate(
      token(
        githubClaims(envSub, {
          iss: "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
        }),
        { alg: "ES256" },
      ),
      identity([]),
    );
    expect(evaluation.cloudError?.code).toBe("AADSTS70025");
    expect(evaluation.checks.filter((check) => !check.ok).map((check) => check.check)).toEqual([
      "target",
      "issuer",
      "algorithm",
    ]);
  });
});
