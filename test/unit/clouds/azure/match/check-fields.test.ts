import { describe, expect, it } from "vitest";
import { evaluateAzure } from "@/lib/clouds/azure/match";
import type { Evaluation, TokenFacts } from "@/lib/federation/types";
import { at, envSub, exchange, github, githubClaims, identity, mainFic, single } from "./fixtures";

// The API returns evaluations as JSON, so each check's keys keep the order
// they have always had (passing checks are built field by field, not by
// spreading a template). Each line: a check and its keys, in order.

function fields(evaluation: Evaluation): string[] {
  return evaluation.checks.map((check) => `${check.check}: ${Object.keys(check).join(" ")}`);
}

const claimsOnly = (claims: Record<string, unknown>): TokenFacts => ({
  header: {},
  claims,
  signature: "skipped",
});

describe("Azure check fields", () => {
  it("keep their order in an accepted evaluation of claims alone", () => {
    const evaluation = evaluateAzure({
      token: claimsOnly(githubClaims(envSub)),
      binding: single({ name: "gh-production", issuer: github, subject: envSub }),
      at,
    });
    expect(evaluation.accepted).toBe(true);
    expect(fields(evaluation)).toEqual([
      "target: check source expected actual message ok",
      "issuer: check source expected actual message ok",
      "audience: check source expected actual message ok",
      "subject: check source expected actual message ok",
      "algorithm: check source message ok",
      "signature: check source message ok",
      "expiry: check source expected actual message ok",
      "notBefore: check source expected actual message ok",
      "issuedAt: check source expected actual message ok",
      "lifetime: check source expected actual message ok",
    ]);
  });

  it("keep their order with hints and unconfirmed readings on passing checks", () => {
    const evaluation = evaluateAzure({
      token: {
        header: { alg: "RS384", kid: "k1" },
        claims: githubClaims(envSub, { aud: [exchange, "other"] }),
        signature: "valid",
      },
      binding: identity(
        [
          mainFic,
          {
            name: "gh-flexible",
            issuer: github,
            claimsMatchingExpression: {
              value: "claims['sub'] matches 'repo:contoso/*'",
              languageVersion: 1,
            },
          },
        ],
        "userAssignedIdentity",
      ),
      at,
    });
    expect(evaluation.accepted).toBe(true);
    expect(fields(evaluation)).toEqual([
      "target: check source expected actual message ok",
      "issuer: check source expected actual message ok",
      "audience: check source expected actual message hint unconfirmed ok",
      "expression: check source expected actual message unconfirmed ok",
      "algorithm: check source expected actual message hint ok",
      "signature: check source message ok",
      "expiry: check source expected actual message ok",
      "notBefore: check source expected actual message ok",
      "issuedAt: check source expected actual message ok",
      "lifetime: check source expected actual message ok",
    ]);
  });

  it("keep their order on refusals", () => {
    const evaluation = evaluateAzure({
      token: claimsOnly(githubClaims(envSub.toUpperCase(), { iss: `${github}/`, aud: "nope" })),
      binding: identity([mainFic, { name: "gh-production", issuer: github, subject: envSub }]),
      at,
    });
    expect(evaluation.accepted).toBe(false);
    expect(fields(evaluation)).toEqual([
      "target: check source expected actual message ok",
      "issuer: check source expected actual message hint ok",
      "audience: check source expected actual message ok",
      "subject: check source expected actual message hint ok",
      "algorithm: check source message ok",
      "signature: check source message ok",
      "expiry: check source expected actual message ok",
      "notBefore: check source expected actual message ok",
      "issuedAt: check source expected actual message ok",
      "lifetime: check source expected actual message ok",
    ]);
  });
});
