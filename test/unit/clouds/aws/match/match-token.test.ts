import { describe, expect, it } from "vitest";
import type { CheckName, ExchangeRequest, TokenFacts } from "@/lib/federation/types";
import { checkOf, evaluate, firstFailure, githubClaims, now, roleArn, token } from "./fixtures";

// STS's checks before the trust policy, in its order (CLOUDS.md 2.3):
// role, provider lookup, algorithm and signature, aud, time.

type Case = {
  name: string;
  source: string;
  claims?: Record<string, unknown>;
  fields?: Record<string, unknown>;
  facts?: TokenFacts;
  request?: ExchangeRequest;
  failing: CheckName;
  code: string;
  message: string;
  hint?: RegExp;
};

const gitlab = { providerUrl: "https://gitlab.com", clientIds: ["https://gitlab.com"] };

const cases: Case[] = [
  {
    name: "a token whose iss has a trailing slash the provider lacks",
    source: "CLOUDS.md 2.3 step 1 (re:Post iam-oidc-idp-federation, Spacelift KB)",
    claims: githubClaims({ iss: "https://token.actions.githubusercontent.com/" }),
    failing: "provider",
    code: "InvalidIdentityToken",
    message:
      "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com/",
    hint: /the token's iss ends with '\/' and the provider URL https:\/\/token\.actions\.githubusercontent\.com does not/,
  },
  {
    name: "an issuer that differs from the provider only in case",
    source: "CLOUDS.md 2.3 step 1 (exact URL)",
    claims: githubClaims({ iss: "https://Token.Actions.GitHubUserContent.com" }),
    failing: "provider",
    code: "InvalidIdentityToken",
    message:
      "No OpenIDConnect provider found in your account for https://Token.Actions.GitHubUserContent.com",
    hint: /only in letter case/,
  },
  {
    name: "an http:// issuer",
    source: "CLOUDS.md 2.3 step 3, 2.7 (iss must be https)",
    claims: githubClaims({ iss: "http://token.actions.githubusercontent.com" }),
    failing: "provider",
    code: "InvalidIdentityToken",
    message:
      "No OpenIDConnect provider found in your account for http://token.actions.githubusercontent.com",
    hint: /to start with https:\/\//,
  },
  {
    name: "a GHEC enterprise issuer against github.com's provider",
    source: "CLOUDS.md 2.1, 4 (GHEC issuer …/<slug>)",
    claims: githubClaims({ iss: "https://token.actions.githubusercontent.com/contoso" }),
    failing: "provider",
    code: "InvalidIdentityToken",
    message:
      "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com/contoso",
    hint: /more specific than the provider/,
  },
  {
    name: "an EdDSA-signed token",
    source: "CLOUDS.md 2.7 (nomad#20227)",
    facts: token(githubClaims(), { alg: "EdDSA", kid: "k" }),
    failing: "algorithm",
    code: "InvalidIdentityToken",
    message:
      "The token is signed with EdDSA, which STS does not accept; STS's exact wording is not documented",
    hint: /does not support EdDSA/,
  },
  {
    name: "an HS256 token",
    source: "CLOUDS.md 2.7 (RSA and ECDSA only)",
    facts: token(githubClaims(), { alg: "HS256" }),
    failing: "algorithm",
    code: "InvalidIdentityToken",
    message:
      "The token is signed with HS256, which STS does not accept; STS's exact wording is not documented",
  },
  {
    name: "a signature the issuer's keys do not verify",
    source: "CLOUDS.md 2.8 (bad signature: InvalidIdentityToken)",
    facts: token(githubClaims(), undefined, "invalid", "signature verification failed"),
    failing: "signature",
    code: "InvalidIdentityToken",
    message:
      "The token's signature does not verify (signature verification failed); STS's exact wording varies",
  },
  {
    name: "a token whose issuer's keys cannot be fetched",
    source: "CLOUDS.md 2.3 step 2 (re:Post iam-sts-invalididentitytoken)",
    facts: token(githubClaims(), undefined, "unverifiable", "JWKS fetch timed out"),
    failing: "signature",
    code: "InvalidIdentityToken",
    message:
      "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
    hint: /about 5 seconds/,
  },
  {
    name: "a token without aud",
    source: "CLOUDS.md 2.3 step 3 (GitLab #342243)",
    claims: githubClaims({ aud: undefined }),
    failing: "claims",
    code: "InvalidIdentityToken",
    message: "Missing a required claim: aud",
  },
  {
    name: "GitHub's default aud (the owner URL) against sts.amazonaws.com",
    source: "CLOUDS.md 2.3 step 3, 4 (default aud; Atlassian KB)",
    claims: githubClaims({ aud: "https://github.com/octo-org" }),
    failing: "audience",
    code: "InvalidIdentityToken",
    message: "Incorrect token audience",
    hint: /GitHub's default aud/,
  },
  {
    name: "an aud that differs from a client id only in case",
    source: "CLOUDS.md 2.3 step 3 (ClientIDList)",
    claims: githubClaims({ aud: "STS.amazonaws.com" }),
    failing: "audience",
    code: "InvalidIdentityToken",
    message: "Incorrect token audience",
    hint: /only in letter case/,
  },
  {
    name: "an expired token, times in epoch seconds",
    source: "CLOUDS.md 2.3 step 4, 2.8 (aws-sdk-java-v2#5709)",
    claims: githubClaims({ exp: now - 1 }),
    failing: "expiry",
    code: "ExpiredTokenException",
    message: `Token expired: current date/time ${now} must be before the expiration date/time ${now - 1}`,
  },
  {
    name: "a token that expires exactly now",
    source: "CLOUDS.md 2.8 (current time must be before exp)",
    claims: githubClaims({ exp: now }),
    failing: "expiry",
    code: "ExpiredTokenException",
    message: `Token expired: current date/time ${now} must be before the expiration date/time ${now}`,
  },
  {
    name: "a request for another role",
    source: "CLOUDS.md 2.2, 2.8 (RoleArn; AccessDenied)",
    claims: githubClaims(),
    request: { aws: { roleArn: "arn:aws:iam::123456789012:role/other" } },
    failing: "target",
    code: "AccessDenied",
    message: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
  },
];

describe("evaluateAws: token checks", () => {
  it.each(cases.map((row) => [row.name, row.source, row] as const))(
    "refuses %s (%s)",
    (_name, _source, row) => {
      const evaluation = evaluate(row.claims ?? {}, row.fields, {
        ...(row.facts ? { facts: row.facts } : {}),
        ...(row.request ? { request: row.request } : {}),
      });
      expect(evaluation.accepted).toBe(false);
      expect(firstFailure(evaluation)?.check).toBe(row.failing);
      expect(evaluation.cloudError).toEqual({ code: row.code, message: row.message });
      if (row.hint) expect(firstFailure(evaluation)?.hint).toMatch(row.hint);
    },
  );

  it("finds the provider among the account's other providers by the token's iss (issue 4 item 3)", () => {
    const evaluation = evaluate(
      {
        iss: "https://gitlab.com",
        aud: "https://gitlab.com",
        sub: "project_path:grp/app:ref_type:branch:ref:main",
        exp: now + 60,
      },
      {
        additionalProviders: [gitlab],
        trustPolicy: {
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/gitlab.com" },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: { "gitlab.com:sub": "project_path:grp/app:ref_type:branch:ref:main" },
              },
            },
          ],
        },
      },
    );
    expect(evaluation.accepted).toBe(true);
    expect(checkOf(evaluation, "audience").expected).toBe("https://gitlab.com");
  });

  it("keeps checking after the first failure, so later problems show too (issue 4 item 3)", () => {
    const evaluation = evaluate(
      githubClaims({
        iss: "https://token.actions.githubusercontent.com/",
        aud: "nope",
        exp: now - 10,
      }),
    );
    expect(evaluation.checks.filter((check) => !check.ok).map((check) => check.check)).toEqual([
      "provider",
      "audience",
      "expiry",
      "condition",
    ]);
    expect(evaluation.cloudError?.message).toMatch(/^No OpenIDConnect provider found/);
  });

  it("accepts a one-element aud array as the EKS projected token carries it (CLOUDS.md 4 Kubernetes; 2.3 step 3)", () => {
    const evaluation = evaluate(githubClaims({ aud: ["sts.amazonaws.com"] }));
    expect(evaluation.accepted).toBe(true);
    expect(checkOf(evaluation, "audience").hint).toBeUndefined();
    expect(evaluation).not.toHaveProperty("caveats");
  });

  it("says how it treats a several-valued aud list, which AWS does not document (CLOUDS.md 6)", () => {
    const evaluation = evaluate(githubClaims({ aud: ["other", "sts.amazonaws.com"] }));
    expect(checkOf(evaluation, "audience")).toMatchObject({
      ok: true,
      hint: expect.stringMatching(/does not document/),
    });
    // An accept resting on it says so at the verdict.
    expect(evaluation.accepted && evaluation.caveats).toEqual([
      expect.stringMatching(/does not document how STS compares an aud list/),
    ]);
  });

  it("accepts an ES256 token, supported since Nov 2024 (CLOUDS.md 2.7, configure-aws-credentials#1211)", () => {
    const evaluation = evaluate(
      {},
      {},
      { facts: token(githubClaims(), { alg: "ES256", kid: "k" }) },
    );
    expect(evaluation.accepted).toBe(true);
  });

  it("runs every other check on what-if claims whose signature was skipped (issue 4 item 5)", () => {
    const evaluation = evaluate({}, {}, { facts: token(githubClaims(), {}, "skipped") });
    expect(evaluation.accepted).toBe(true);
    expect(checkOf(evaluation, "signature").message).toMatch(/^Not checked/);
    expect(checkOf(evaluation, "algorithm").message).toMatch(/not checked/);
  });

  it("accepts the request for this binding's own role (CLOUDS.md 2.2)", () => {
    const evaluation = evaluate(githubClaims(), {}, { request: { aws: { roleArn } } });
    expect(checkOf(evaluation, "target").ok).toBe(true);
    expect(evaluation.accepted).toBe(true);
  });
});
