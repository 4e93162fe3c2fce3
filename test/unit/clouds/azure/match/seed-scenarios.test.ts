import { describe, expect, it } from "vitest";
import {
  aksClaims,
  aksIssuer,
  evaluate,
  exchange,
  firstFailure,
  github,
  githubClaims,
  identity,
  keycloakClaims,
  keycloakIssuer,
  single,
  token,
} from "./fixtures";

// Issue 4 item 6 seed scenarios and its "Done when" cases, for Azure.

describe("seed scenarios (issue 4 item 6)", () => {
  it("accepts a GitHub deployment to an Entra app by environment (CLOUDS.md 1.3, 4)", () => {
    const binding = identity(
      [
        {
          name: "gh-staging",
          issuer: github,
          subject: "repo:contoso/payments:environment:staging",
        },
        {
          name: "gh-production",
          issuer: github,
          subject: "repo:contoso/payments:environment:production",
        },
      ],
      "application",
    );
    const evaluation = evaluate(
      token(
        githubClaims("repo:contoso/payments:environment:production", { environment: "production" }),
      ),
      binding,
    );
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(evaluation.checks[0]?.message).toContain("'gh-production' (2 of 2)");
    expect(evaluation.broad).toBeUndefined();
  });

  it("accepts the AKS service account wkldid/sawkldid with its trailing-slash issuer and nested kubernetes.io claims (CLOUDS.md 1.3, 4)", () => {
    const evaluation = evaluate(
      token(aksClaims()),
      single(
        {
          name: "aks-sawkldid",
          issuer: aksIssuer,
          subject: "system:serviceaccount:wkldid:sawkldid",
        },
        "userAssignedIdentity",
      ),
    );
    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(evaluation.checks.find((check) => check.check === "audience")).toMatchObject({
      ok: true,
      actual: exchange,
    });
  });

  it("accepts a Keycloak client-credentials token whose audience mapper adds Entra's audience (CLOUDS.md 1.3)", () => {
    const evaluation = evaluate(
      token(keycloakClaims()),
      single({
        name: "keycloak-workload",
        issuer: keycloakIssuer,
        subject: "3f6c1a52-8e1d-4b7a-9c0e-5d2f4a6b8c10",
      }),
    );
    expect(evaluation.accepted).toBe(true);
    // aud is ["api://AzureADTokenExchange", "account"]: Entra's handling is undocumented.
    expect(evaluation.checks.find((check) => check.check === "audience")?.hint).toContain(
      "undocumented",
    );
  });

  it("refuses a Keycloak token that carries only Keycloak's default 'account' audience (CLOUDS.md 1.8)", () => {
    const evaluation = evaluate(
      token(keycloakClaims({ aud: "account" })),
      single({
        name: "keycloak-workload",
        issuer: keycloakIssuer,
        subject: "3f6c1a52-8e1d-4b7a-9c0e-5d2f4a6b8c10",
      }),
    );
    expect(evaluation.cloudError?.code).toBe("AADSTS700212");
  });
});

describe("issue 4 'Done when' for Azure", () => {
  it("answers AADSTS700213 for a pull_request token against a branch-pinned credential, with the pull_request hint", () => {
    const evaluation = evaluate(
      token(
        githubClaims("repo:contoso/api:pull_request", {
          event_name: "pull_request",
          ref: "refs/pull/42/merge",
        }),
      ),
      single({ name: "gh-main", issuer: github, subject: "repo:contoso/api:ref:refs/heads/main" }),
    );
    expect(evaluation.accepted).toBe(false);
    expect(evaluation.cloudError).toEqual({
      code: "AADSTS700213",
      message:
        "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/api:pull_request'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    });
    const subject = firstFailure(evaluation);
    expect(subject).toMatchObject({
      check: "subject",
      expected: "repo:contoso/api:ref:refs/heads/main",
      actual: "repo:contoso/api:pull_request",
    });
    expect(subject?.hint).toContain("The token came from a pull_request event");
  });

  it("answers AADSTS700211 for a trailing-slash AKS mismatch, with the slash hint and both issuers to diff", () => {
    const slashless = aksIssuer.replace(/\/$/, "");
    const evaluation = evaluate(
      token(aksClaims()),
      single({
        name: "aks-sawkldid",
        issuer: slashless,
        subject: "system:serviceaccount:wkldid:sawkldid",
      }),
    );
    expect(evaluation.cloudError?.code).toBe("AADSTS700211");
    expect(firstFailure(evaluation)).toMatchObject({
      check: "issuer",
      expected: slashless,
      actual: aksIssuer,
    });
    expect(firstFailure(evaluation)?.hint).toContain(
      "The token's issuer ends with '/' and the credential's does not",
    );
  });
});
