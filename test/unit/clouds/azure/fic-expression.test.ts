import { describe, expect, it } from "vitest";
import {
  ficExpressionFindings,
  matchesWildcard,
  parseFicExpression,
  type FicExpressionTerm,
} from "@/lib/clouds/azure/fic-expression";

// claimsMatchingExpression language version 1 (CLOUDS.md 1.6).

const github = "https://token.actions.githubusercontent.com";

describe("parseFicExpression", () => {
  it.each<[label: string, text: string, terms: FicExpressionTerm[]]>([
    [
      "one matches term",
      "claims['sub'] matches 'repo:contoso/api:environment:*'",
      [{ claim: "sub", operator: "matches", value: "repo:contoso/api:environment:*" }],
    ],
    [
      "one eq term",
      "claims['sub'] eq 'repo:contoso/api:ref:refs/heads/main'",
      [{ claim: "sub", operator: "eq", value: "repo:contoso/api:ref:refs/heads/main" }],
    ],
    [
      "two terms joined by and",
      "claims['sub'] matches 'repo:contoso/api:*' and claims['job_workflow_ref'] eq 'contoso/wf/.github/workflows/deploy.yml@refs/heads/main'",
      [
        { claim: "sub", operator: "matches", value: "repo:contoso/api:*" },
        {
          claim: "job_workflow_ref",
          operator: "eq",
          value: "contoso/wf/.github/workflows/deploy.yml@refs/heads/main",
        },
      ],
    ],
    [
      "a doubled quote inside a value",
      "claims['sub'] eq 'it''s'",
      [{ claim: "sub", operator: "eq", value: "it's" }],
    ],
    [
      "a value with spaces, as Terraform's Default Project",
      "claims['sub'] matches 'organization:contoso:project:Default Project:*'",
      [
        {
          claim: "sub",
          operator: "matches",
          value: "organization:contoso:project:Default Project:*",
        },
      ],
    ],
    ["an empty value", "claims['sub'] eq ''", [{ claim: "sub", operator: "eq", value: "" }]],
  ])("parses %s", (_label, text, terms) => {
    expect(parseFicExpression(text)).toEqual({ ok: true, terms });
  });

  it.each<[label: string, text: string, message: string, index: number]>([
    [
      "an empty expression",
      "",
      "the expression is empty; write a term such as claims['sub'] eq '…'",
      0,
    ],
    [
      "an unknown operator",
      "claims['sub'] like 'x'",
      "unknown operator 'like'; use matches or eq",
      14,
    ],
    [
      "an upper-case operator",
      "claims['sub'] EQ 'x'",
      "unknown operator 'EQ'; use matches or eq",
      14,
    ],
    ["a symbol operator", "claims['sub'] == 'x'", "unknown operator '=='; use matches or eq", 14],
    ["an or", "claims['sub'] eq 'a' or claims['sub'] eq 'b'", "'or' is not supported", 21],
    ["a leading not", "not claims['sub'] eq 'a'", "'not' is not supported", 0],
    ["a not before the operator", "claims['sub'] not eq 'a'", "'not' is not supported", 14],
    ["parentheses", "(claims['sub'] eq 'a')", "parentheses are not supported", 0],
    [
      "an unterminated value",
      "claims['sub'] eq 'abc",
      "unterminated quote starting at position 18",
      17,
    ],
    ["an unterminated claim name", "claims['sub", "unterminated quote starting at position 8", 7],
    [
      "two spaces before and",
      "claims['sub'] eq 'a'  and claims['sub'] eq 'b'",
      "expected ' and ' or the end at position 21",
      20,
    ],
    ["a trailing space", "claims['sub'] eq 'a' ", "expected ' and ' or the end at position 21", 20],
    [
      "&& instead of and",
      "claims['sub'] eq 'a' && claims['sub'] eq 'b'",
      "expected ' and ' or the end at position 21",
      20,
    ],
    [
      "an upper-case AND",
      "claims['sub'] eq 'a' AND claims['sub'] eq 'b'",
      "write 'and' in lower case at position 22",
      21,
    ],
    ["a dangling and", "claims['sub'] eq 'a' and ", "expected claims['<name>'] at the end", 25],
    [
      "two spaces before the operator",
      "claims['sub']  eq 'a'",
      "extra space at position 15; use exactly one space before the operator",
      14,
    ],
    [
      "two spaces after the operator",
      "claims['sub'] eq  'a'",
      "extra space at position 18; use exactly one space after the operator",
      17,
    ],
    [
      "no space before the operator",
      "claims['sub']eq 'a'",
      "expected one space before the operator at position 14",
      13,
    ],
    [
      "an unquoted value, as in the ARM preview example",
      "claims['sub'] matches system:serviceaccount:ns:*",
      "expected a value in single quotes at position 23",
      22,
    ],
    [
      "a double-quoted claim name",
      "claims[\"sub\"] eq 'a'",
      "expected a claim name in single quotes at position 8",
      7,
    ],
    ["a bare claim name", "sub eq 'a'", "expected claims['<name>'] at position 1", 0],
    ["an empty claim name", "claims[''] eq 'a'", "empty claim name at position 8", 7],
    [
      "a missing closing bracket",
      "claims['sub' eq 'a'",
      "expected ']' after the claim name at position 13",
      12,
    ],
    ["a missing value", "claims['sub'] eq", "expected one space after the operator at the end", 16],
  ])("rejects %s", (_label, text, message, index) => {
    expect(parseFicExpression(text)).toEqual({ ok: false, message, index });
  });

  it("does not echo a long unknown operator", () => {
    const result = parseFicExpression(`claims['sub'] ${"x".repeat(200)} 'a'`);
    expect(result).toEqual({
      ok: false,
      message: `unknown operator '${"x".repeat(19)}…'; use matches or eq`,
      index: 14,
    });
  });
});

describe("ficExpressionFindings", () => {
  const tight = "claims['sub'] eq 'repo:contoso/api:environment:prod'";
  const otherIssuer =
    "Entra documents flexible credentials only for GitHub Actions, GitLab and HCP Terraform issuers; it may refuse this issuer.";

  it.each([
    [
      "GitHub with sub and job_workflow_ref",
      github,
      `${tight} and claims['job_workflow_ref'] matches 'contoso/wf/*@refs/heads/main'`,
    ],
    [
      "gitlab.com with sub",
      "https://gitlab.com",
      "claims['sub'] matches 'project_path:platform/api:ref_type:branch:ref:*'",
    ],
    [
      "a GitLab Dedicated-style host",
      "https://gitlab.contoso.com",
      "claims['sub'] eq 'project_path:platform/api:ref_type:branch:ref:main'",
    ],
    [
      "a .ca GitLab host",
      "https://gitlab.example.ca",
      "claims['sub'] eq 'project_path:g/p:ref_type:tag:ref:v1'",
    ],
    [
      "HCP Terraform EU",
      "https://app.eu.terraform.io",
      "claims['sub'] matches 'organization:contoso:project:p:workspace:prod:run_phase:apply'",
    ],
  ])("reports nothing for %s", (_label, issuer, expression) => {
    expect(ficExpressionFindings(expression, 1, issuer)).toEqual({ errors: [], warnings: [] });
  });

  it("reports a syntax error under value and stops there", () => {
    expect(ficExpressionFindings("claims['sub'] like 'x'", 1, github)).toEqual({
      errors: [{ path: "value", message: "unknown operator 'like'; use matches or eq" }],
      warnings: [],
    });
  });

  it.each([0, 2])("refuses language version %i", (version) => {
    expect(ficExpressionFindings(tight, version, github).errors).toEqual([
      { path: "languageVersion", message: "must be 1, the only language version Entra documents" },
    ]);
  });

  it.each([
    [
      "a claim GitHub's list lacks",
      github,
      "claims['repository'] eq 'contoso/api'",
      [
        "The expression does not constrain sub, so any workload of this issuer whose other claims match is admitted (for GitHub, any repository calling the same reusable workflow).",
        "Entra documents only sub and job_workflow_ref for GitHub Actions tokens; a term on 'repository' may be refused.",
      ],
    ],
    [
      "job_workflow_ref on HCP Terraform",
      "https://app.terraform.io",
      "claims['job_workflow_ref'] eq 'x'",
      [
        "The expression does not constrain sub, so any workload of this issuer whose other claims match is admitted (for GitHub, any repository calling the same reusable workflow).",
        "Entra documents only sub for HCP Terraform tokens; a term on 'job_workflow_ref' may be refused.",
      ],
    ],
    [
      "an AKS issuer, as in the ARM preview example",
      "https://westeurope.oic.prod-aks.azure.com/t/g/",
      "claims['sub'] matches 'system:serviceaccount:payments:*'",
      [otherIssuer],
    ],
    [
      "a GHEC enterprise issuer, which the list does not name",
      `${github}/contoso`,
      tight,
      [otherIssuer],
    ],
    [
      "an org-wide pattern (CLOUDS.md 5.6)",
      github,
      "claims['sub'] matches 'repo:contoso/*'",
      [
        "This pattern matches every repository of contoso whose name fits, including ones created later.",
      ],
    ],
    [
      "a lone star",
      github,
      "claims['sub'] matches '*'",
      ["This pattern matches every subject this issuer signs."],
    ],
    [
      "a wildcard under eq",
      github,
      "claims['sub'] eq 'repo:contoso/api:*'",
      ["eq compares exactly, so '*' and '?' match only themselves; use matches for a pattern."],
    ],
  ])("warns about %s", (_label, issuer, expression, messages) => {
    const findings = ficExpressionFindings(expression, 1, issuer);
    expect(findings.errors).toEqual([]);
    expect(findings.warnings).toMatchObject(
      messages.map((message) => ({ path: "value", message })),
    );
  });

  it("warns once when two terms share a problem", () => {
    const findings = ficExpressionFindings(
      "claims['sub'] matches '*' and claims['sub'] matches '*'",
      1,
      github,
    );
    expect(findings.warnings).toHaveLength(1);
  });
});

describe("matchesWildcard (re-exported for the evaluator)", () => {
  it("matches a flexible-FIC environment pattern and not a pull request", () => {
    const pattern = "repo:contoso/api:environment:*";
    expect(matchesWildcard(pattern, "repo:contoso/api:environment:prod")).toBe(true);
    expect(matchesWildcard(pattern, "repo:contoso/api:pull_request")).toBe(false);
  });
});
