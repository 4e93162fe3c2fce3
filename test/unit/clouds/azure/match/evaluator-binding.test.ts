import { describe, expect, it } from "vitest";
import {
  normaliseAzureEvaluatorBinding,
  ZAzureEvaluatorBinding,
} from "@/lib/clouds/azure/evaluator-binding";
import { exchange, github } from "./fixtures";

// The Azure binding POST /api/v1/evaluate accepts (issue 4 item 5): one FIC
// or an identity's list of 0..20 (CLOUDS.md 1.1, 1.5, 1.6).

const fic = {
  name: "gh-production",
  issuer: github,
  audiences: [exchange],
  subject: "repo:contoso/api:environment:production",
};

function issuesOf(body: unknown) {
  const result = ZAzureEvaluatorBinding.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("ZAzureEvaluatorBinding", () => {
  it("normalises one credential to an identity holding it", () => {
    const parsed = ZAzureEvaluatorBinding.parse({ cloud: "azure", target: "application", ...fic });
    expect(normaliseAzureEvaluatorBinding(parsed)).toEqual({
      target: "application",
      credentials: [
        { name: fic.name, issuer: fic.issuer, audiences: fic.audiences, subject: fic.subject },
      ],
    });
  });

  it("normalises a list of credentials, keeping flexible expressions", () => {
    const flexible = {
      name: "gh-flexible",
      issuer: github,
      audiences: [exchange],
      claimsMatchingExpression: {
        value: "claims['sub'] matches 'repo:contoso/*'",
        languageVersion: 1,
      },
    };
    const parsed = ZAzureEvaluatorBinding.parse({
      cloud: "azure",
      federatedIdentityCredentials: [fic, flexible],
    });
    expect(normaliseAzureEvaluatorBinding(parsed).credentials).toEqual([
      { name: fic.name, issuer: fic.issuer, audiences: fic.audiences, subject: fic.subject },
      {
        name: flexible.name,
        issuer: github,
        audiences: [exchange],
        claimsMatchingExpression: flexible.claimsMatchingExpression,
      },
    ]);
  });

  it("accepts an identity with no credentials (Entra then answers AADSTS70025)", () => {
    const parsed = ZAzureEvaluatorBinding.parse({
      cloud: "azure",
      federatedIdentityCredentials: [],
    });
    expect(normaliseAzureEvaluatorBinding(parsed)).toEqual({ credentials: [] });
  });

  it.each<[label: string, body: unknown, path: string, message: string]>([
    [
      "two audiences (CLOUDS.md 1.3)",
      { cloud: "azure", ...fic, audiences: [exchange, "x"] },
      "audiences",
      "Entra accepts exactly one audience",
    ],
    [
      "both a subject and an expression (2025-01-31-preview)",
      {
        cloud: "azure",
        ...fic,
        claimsMatchingExpression: { value: "claims['sub'] eq 'x'", languageVersion: 1 },
      },
      "subject",
      "set either a subject or a claims-matching expression, not both",
    ],
    [
      "neither a subject nor an expression",
      { cloud: "azure", name: fic.name, issuer: github, audiences: [exchange] },
      "subject",
      "set either a subject or a claims-matching expression, not both",
    ],
    [
      "a missing name",
      { cloud: "azure", issuer: github, audiences: [exchange], subject: "s" },
      "name",
      "is required (or give federatedIdentityCredentials: a list of credentials)",
    ],
    [
      "a name ARM refuses (CLOUDS.md 1.5)",
      { cloud: "azure", ...fic, name: "-x" },
      "name",
      "must be at least 3 characters",
    ],
    [
      "an issuer with surrounding spaces (CLOUDS.md 1.3)",
      { cloud: "azure", ...fic, issuer: ` ${github}` },
      "issuer",
      "must not start or end with spaces or line breaks: Entra compares the issuer exactly",
    ],
    [
      "an expression Entra cannot parse (CLOUDS.md 1.6)",
      {
        cloud: "azure",
        name: "flex",
        issuer: github,
        audiences: [exchange],
        claimsMatchingExpression: { value: "claims['sub'] == 'x'", languageVersion: 1 },
      },
      "claimsMatchingExpression.value",
      "unknown operator '=='; use matches or eq",
    ],
    [
      "language version 2 (CLOUDS.md 1.6)",
      {
        cloud: "azure",
        name: "flex",
        issuer: github,
        audiences: [exchange],
        claimsMatchingExpression: { value: "claims['sub'] eq 'x'", languageVersion: 2 },
      },
      "claimsMatchingExpression.languageVersion",
      "must be 1, the only language version Entra documents",
    ],
    [
      "an unknown target",
      { cloud: "azure", target: "vm", ...fic },
      "target",
      'must be "userAssignedIdentity" or "application"',
    ],
    [
      "single fields beside a list",
      { cloud: "azure", name: "x", federatedIdentityCredentials: [fic] },
      "name",
      "give one credential's fields or federatedIdentityCredentials, not both: move it into the list",
    ],
    [
      "21 credentials (CLOUDS.md 1.5)",
      {
        cloud: "azure",
        federatedIdentityCredentials: Array.from({ length: 21 }, (_, index) => ({
          ...fic,
          name: `fic-${index}`,
          subject: `s${index}`,
        })),
      },
      "federatedIdentityCredentials",
      "Entra allows at most 20 federated identity credentials per identity",
    ],
    [
      "a repeated issuer and subject (CLOUDS.md 1.5)",
      { cloud: "azure", federatedIdentityCredentials: [fic, { ...fic, name: "other" }] },
      "federatedIdentityCredentials.1.subject",
      "credential 0 already has this issuer and subject; Entra allows one",
    ],
    [
      "a repeated name, ignoring case",
      {
        cloud: "azure",
        federatedIdentityCredentials: [fic, { ...fic, name: "GH-Production", subject: "s" }],
      },
      "federatedIdentityCredentials.1.name",
      "repeats the name of credential 0; names are unique on an identity",
    ],
  ])("refuses %s", (_label, body, path, message) => {
    expect(issuesOf(body)).toContainEqual({ path, message });
  });

  it("refuses unknown fields", () => {
    const result = ZAzureEvaluatorBinding.safeParse({ cloud: "azure", ...fic, clientId: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: "unrecognized_keys",
      keys: ["clientId"],
    });
  });
});
