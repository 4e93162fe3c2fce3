import { describe, expect, it } from "vitest";
import { evaluateAzure } from "@/lib/clouds/azure/match";
import type { TokenFacts } from "@/lib/federation/types";
import { at, github, githubClaims, single } from "./fixtures";

// Work kept between evaluations: a term's pattern read once (terms are
// shared through the parse memo), an expression's breadth kept with its
// terms, and the answers that read only the signature's state built once.
// Evaluated in turn, each binding and token must still get its own answer.

function flexible(value: string) {
  return single({
    name: "gh-flexible",
    issuer: github,
    claimsMatchingExpression: { value, languageVersion: 1 },
  });
}

const claimsOnly = (sub: string): TokenFacts => ({
  header: {},
  claims: githubClaims(sub),
  signature: "skipped",
});

const contoso = flexible("claims['sub'] matches 'repo:contoso/*'");
const fabrikam = flexible("claims['sub'] matches 'repo:fabrikam/*'");
const mainOnly = flexible(
  "claims['sub'] matches 'repo:contoso/*' and claims['sub'] matches '*:ref:refs/heads/main'",
);

describe("Azure answers kept between evaluations", () => {
  it("match each term's own pattern, whichever pattern was read before", () => {
    const verdicts = [
      [contoso, "repo:contoso/api:ref:refs/heads/main"],
      [fabrikam, "repo:contoso/api:ref:refs/heads/main"],
      [fabrikam, "repo:fabrikam/web:environment:prod"],
      [contoso, "repo:fabrikam/web:environment:prod"],
      [mainOnly, "repo:contoso/api:ref:refs/heads/main"],
      [mainOnly, "repo:contoso/api:environment:prod"],
    ].map(
      ([binding, sub]) =>
        evaluateAzure({ token: claimsOnly(sub as string), binding: binding as typeof contoso, at })
          .accepted,
    );
    expect(verdicts).toEqual([true, false, true, false, true, false]);
  });

  it("give each expression its own broad reason", () => {
    const reasons = [
      [contoso, "repo:contoso/api:ref:refs/heads/main"],
      [fabrikam, "repo:fabrikam/web:environment:prod"],
      [
        flexible("claims['job_workflow_ref'] matches 'contoso/*'"),
        "repo:contoso/api:ref:refs/heads/main",
      ],
      [contoso, "repo:contoso/web:ref:refs/heads/main"],
    ].map(
      ([binding, sub]) =>
        evaluateAzure({ token: claimsOnly(sub as string), binding: binding as typeof contoso, at })
          .broad?.reason,
    );
    expect(reasons[0]).toContain("'repo:contoso/*'");
    expect(reasons[1]).toContain("'repo:fabrikam/*'");
    expect(reasons[2]).toContain("does not constrain sub");
    expect(reasons[3]).toBe(reasons[0]);
  });

  it("say what the header and signature were, whatever the token before", () => {
    const binding = single({
      name: "gh-main",
      issuer: github,
      subject: "repo:contoso/api:ref:refs/heads/main",
    });
    const claims = githubClaims("repo:contoso/api:ref:refs/heads/main");
    const tokens: TokenFacts[] = [
      { header: {}, claims, signature: "skipped" },
      { header: { alg: "RS256", kid: "k1" }, claims, signature: "valid" },
      { header: { alg: "RS256", kid: "k1" }, claims, signature: "skipped" },
      { header: {}, claims, signature: "skipped" },
    ];
    const messages = tokens.map((token) =>
      evaluateAzure({ token, binding, at })
        .checks.filter((check) => check.check === "algorithm" || check.check === "signature")
        .map((check) => check.message),
    );
    expect(messages).toEqual([
      [
        "Not checked: no JOSE header was given with the claims.",
        "Not checked: claims were given without a signed token.",
      ],
      [
        "RS256 is an RSA algorithm, which Entra accepts.",
        "The signature verifies with the issuer's key.",
      ],
      [
        "RS256 is an RSA algorithm, which Entra accepts.",
        "Not checked: claims were given without a signed token.",
      ],
      [
        "Not checked: no JOSE header was given with the claims.",
        "Not checked: claims were given without a signed token.",
      ],
    ]);
  });
});
