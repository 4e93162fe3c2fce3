import { describe, expect, it } from "vitest";
import {
  aksClaims,
  aksIssuer,
  envSub,
  evaluate,
  expectOutcome,
  github,
  githubClaims,
  now,
  single,
  token,
  titled,
  type Case,
} from "./fixtures";

// Flexible credentials: claimsMatchingExpression with matches (*, ?), eq and
// and, claims restricted per issuer (CLOUDS.md 1.6). The code for a
// non-matching expression is unconfirmed; the subject's 700213 is used.

function flexible(value: string, issuer = github, name = "gh-flexible") {
  return { name, issuer, claimsMatchingExpression: { value, languageVersion: 1 } };
}

const workflow = "contoso/api/.github/workflows/deploy.yml@refs/heads/main";

const cases: Case[] = [
  {
    name: "accepts an environment token matched by an environment pattern",
    source: "CLOUDS.md 1.6 (matches: '*' any run of characters)",
    token: token(githubClaims(envSub)),
    binding: single(flexible("claims['sub'] matches 'repo:contoso/api:environment:*'")),
    code: null,
  },
  {
    name: "refuses a pull_request token against an environment pattern, saying where it came from",
    source: "CLOUDS.md 1.6 and 4 (sub precedence)",
    token: token(githubClaims("repo:contoso/api:pull_request")),
    binding: single(flexible("claims['sub'] matches 'repo:contoso/api:environment:*'")),
    code: "AADSTS700213",
    check: "expression",
    hint: "The token came from a pull_request event",
  },
  {
    name: "matches '?' to exactly one character",
    source: "CLOUDS.md 1.6 (matches: '?' exactly one character)",
    token: token(githubClaims("repo:contoso/api:environment:prod1")),
    binding: single(flexible("claims['sub'] matches 'repo:contoso/api:environment:prod?'")),
    code: null,
  },
  {
    name: "treats '*' in an eq term literally and says to use matches",
    source: "CLOUDS.md 1.6 (eq: exact match)",
    token: token(githubClaims(envSub)),
    binding: single(flexible("claims['sub'] eq 'repo:contoso/api:environment:*'")),
    code: "AADSTS700213",
    check: "expression",
    hint: "use matches for a pattern",
  },
  {
    name: "compares case-sensitively and says a case-blind match would hold",
    source: "CLOUDS.md 1.6 (case sensitivity undocumented, assumed like plain FICs) [inferred]",
    token: token(githubClaims("repo:Contoso/api:environment:production")),
    binding: single(flexible("claims['sub'] matches 'repo:contoso/api:*'")),
    code: "AADSTS700213",
    check: "expression",
    hint: "It would match if case were ignored",
  },
  {
    name: "requires every term joined by and",
    source: "CLOUDS.md 1.6 (and combines terms across claims)",
    token: token(
      githubClaims(envSub, {
        job_workflow_ref: "contoso/api/.github/workflows/other.yml@refs/heads/main",
      }),
    ),
    binding: single(
      flexible(
        `claims['sub'] matches 'repo:contoso/api:*' and claims['job_workflow_ref'] eq '${workflow}'`,
      ),
    ),
    code: "AADSTS700213",
    check: "expression",
  },
  {
    name: "accepts when sub and job_workflow_ref both hold",
    source: "CLOUDS.md 1.6 (GitHub: sub and job_workflow_ref allowed)",
    token: token(githubClaims(envSub)),
    binding: single(
      flexible(`claims['sub'] eq '${envSub}' and claims['job_workflow_ref'] eq '${workflow}'`),
    ),
    code: null,
  },
  {
    name: "refuses a term on a claim Entra does not allow for GitHub",
    source: "CLOUDS.md 1.6 (allowed issuers and claims)",
    token: token(githubClaims(envSub)),
    binding: single(flexible("claims['repository'] eq 'contoso/api'")),
    code: "AADSTS700213",
    check: "expression",
  },
  {
    name: "refuses a term on a claim the token lacks, saying the claim is missing",
    source: "CLOUDS.md 1.6 (claim lookup claims['<name>'])",
    token: token(githubClaims(envSub, { job_workflow_ref: undefined })),
    binding: single(flexible(`claims['job_workflow_ref'] eq '${workflow}'`)),
    code: "AADSTS700213",
    check: "expression",
    hint: "has no 'job_workflow_ref' claim",
  },
  {
    name: "accepts a GitLab project pattern",
    source: "CLOUDS.md 1.6 (GitLab: sub) and 4 (GitLab sub format)",
    token: token({
      iss: "https://gitlab.com",
      aud: "api://AzureADTokenExchange",
      sub: "project_path:contoso/api:ref_type:branch:ref:main",
      iat: now - 10,
      exp: now + 290,
    }),
    binding: single(
      flexible(
        "claims['sub'] matches 'project_path:contoso/api:ref_type:branch:ref:*'",
        "https://gitlab.com",
        "gitlab",
      ),
    ),
    code: null,
  },
  {
    name: "refuses an issuer outside the documented list on an application",
    source: "CLOUDS.md 1.6 (docs: GitHub, GitLab, Terraform Cloud only; application objects only)",
    token: token(aksClaims()),
    binding: single(
      flexible("claims['sub'] matches 'system:serviceaccount:wkldid:*'", aksIssuer, "aks-flexible"),
      "application",
    ),
    code: "AADSTS700213",
    check: "expression",
    hint: "set target to userAssignedIdentity",
  },
  {
    name: "accepts an AKS pattern on a user-assigned identity, as the ARM preview example does",
    source:
      "CLOUDS.md 1.6 (2025-01-31-preview FlexibleFederatedIdentityCredentialCreate example) [conflicting sources]",
    token: token(aksClaims()),
    binding: single(
      flexible("claims['sub'] matches 'system:serviceaccount:wkldid:*'", aksIssuer, "aks-flexible"),
      "userAssignedIdentity",
    ),
    code: null,
  },
  {
    name: "refuses a term on another claim for an undocumented issuer on a user-assigned identity",
    source:
      "CLOUDS.md 1.6 (the preview's only evidence for other issuers is its example on claims['sub'])",
    token: token(aksClaims()),
    binding: single(
      flexible("claims['iss'] matches '*'", aksIssuer, "aks-flexible"),
      "userAssignedIdentity",
    ),
    code: "AADSTS700213",
    check: "expression",
    hint: "Match on sub",
  },
  {
    name: "names the pull_request event, not the repository, when the pattern's '*' covers the repository",
    source: "CLOUDS.md 1.6 (matches) and 4 (sub precedence)",
    token: token(githubClaims("repo:contoso/api:pull_request")),
    binding: single(flexible("claims['sub'] matches 'repo:contoso/*:ref:refs/heads/main'")),
    code: "AADSTS700213",
    check: "expression",
    hint: "The token came from a pull_request event",
  },
];

describe("evaluateAzure: flexible credentials", () => {
  it.each(titled(cases))("%s", (_title, testCase) => {
    expectOutcome(evaluate(testCase.token, testCase.binding, testCase.request), testCase);
  });

  it("qualifies an accept on a user-assigned identity: the docs say applications only", () => {
    const evaluation = evaluate(
      token(aksClaims()),
      single(
        flexible(
          "claims['sub'] matches 'system:serviceaccount:wkldid:*'",
          aksIssuer,
          "aks-flexible",
        ),
        "userAssignedIdentity",
      ),
    );
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.caveats).toEqual([expect.stringContaining("applications only")]);
  });

  it("says nothing of the repository when the pattern covers it", () => {
    const evaluation = evaluate(
      token(githubClaims("repo:contoso/api:ref:refs/heads/dev")),
      single(flexible("claims['sub'] matches 'repo:contoso/*:ref:refs/heads/main'")),
    );
    const hint = evaluation.checks.find((check) => !check.ok)?.hint ?? "";
    expect(hint).toContain("The token is for the branch 'dev'");
    expect(hint).not.toContain("repository");
  });

  it("marks an org-wide pattern as broad (CLOUDS.md 5.2, 5.6)", () => {
    const evaluation = evaluate(
      token(githubClaims(envSub)),
      single(flexible("claims['sub'] matches 'repo:contoso/*'")),
    );
    expect(evaluation.accepted).toBe(true);
    expect(evaluation.broad?.reason).toContain("matches every repository of contoso");
  });

  it("marks an expression without a sub term as broad (CLOUDS.md 5.6)", () => {
    const evaluation = evaluate(
      token(githubClaims(envSub)),
      single(flexible(`claims['job_workflow_ref'] eq '${workflow}'`)),
    );
    expect(evaluation.broad?.reason).toContain("does not constrain sub");
  });

  it("does not mark a pattern pinned to one repository's environments as broad", () => {
    const evaluation = evaluate(
      token(githubClaims(envSub)),
      single(flexible("claims['sub'] matches 'repo:contoso/api:environment:*'")),
    );
    expect(evaluation).toMatchObject({ accepted: true });
    expect(evaluation.broad).toBeUndefined();
  });

  it("shows the failing term's pattern and the claim it was compared with", () => {
    const evaluation = evaluate(
      token(githubClaims("repo:contoso/api:pull_request")),
      single(flexible("claims['sub'] matches 'repo:contoso/api:environment:*'")),
    );
    expect(evaluation.checks.find((check) => check.check === "expression")).toMatchObject({
      ok: false,
      expected: "repo:contoso/api:environment:*",
      actual: "repo:contoso/api:pull_request",
    });
  });
});
