import { describe, expect, it } from "vitest";
import type { TokenFacts } from "@/lib/federation/types";
import {
  envFic,
  envSub,
  evaluate,
  expectOutcome,
  githubClaims,
  now,
  single,
  token,
  titled,
  type Case,
} from "./fixtures";

// The token's own rules once a credential matches (CLOUDS.md 1.4): RSA only,
// the signature, the exp/nbf window (AADSTS700024) and iat with a lifetime
// of at most 1 day 1 hour (AADSTS70023).

const binding = single(envFic);
const claims = githubClaims(envSub);

function facts(change: Partial<TokenFacts>): TokenFacts {
  return { ...token(claims), ...change };
}

const cases: Case[] = [
  {
    name: "refuses ES256 with AADSTS5002738 and says to switch to an RSA key",
    source: "CLOUDS.md 1.4 (microsoft-identity-web#3467)",
    token: token(claims, { alg: "ES256", kid: "k1" }),
    binding,
    code: "AADSTS5002738",
    check: "algorithm",
    message: "AADSTS5002738: Invalid JWT token. 'ES256' is not a supported signature algorithm.",
    hint: "switch the issuer's signing key to RSA",
  },
  {
    name: "refuses EdDSA",
    source: "CLOUDS.md 0 and 1.4 (RSA only)",
    token: token(claims, { alg: "EdDSA", kid: "k1" }),
    binding,
    code: "AADSTS5002738",
    check: "algorithm",
  },
  {
    name: "accepts PS256, noting only RS256 is tested",
    source:
      "CLOUDS.md 1.4 (considerations: RS256 tested; microsoft-identity-web#3467 lists RS*/PS*)",
    token: token(claims, { alg: "PS256", kid: "k1" }),
    binding,
    code: null,
    hint: "Microsoft tests only RS256",
  },
  {
    name: "refuses a token whose signature does not verify, with the pipeline's reason",
    source: "CLOUDS.md 1.8 (AADSTS50027: failed signature verification)",
    token: facts({
      signature: "invalid",
      signatureReason: "signature verification failed with key k1",
    }),
    binding,
    code: "AADSTS50027",
    check: "signature",
  },
  {
    name: "refuses a token whose keys Fedlens could not fetch, in Entra's unreachable-endpoint words",
    source: "CLOUDS.md 1.4 (discovery: AADSTS90061)",
    token: facts({
      signature: "unverifiable",
      signatureReason: "the issuer's JWKS could not be fetched",
    }),
    binding,
    code: "AADSTS90061",
    check: "signature",
    hint: "Entra fetches the issuer's discovery document and keys itself",
  },
  {
    name: "passes claims given without a token or header (what-if)",
    source: "issue 4 item 5 (with claims the signature check is skipped)",
    token: { header: {}, claims, signature: "skipped" },
    binding,
    code: null,
  },
  {
    name: "refuses an expired token with AADSTS700024 and Entra's three times",
    source: "CLOUDS.md 1.4 (Azure/login#372; MSAL issues quote the text)",
    token: token({ ...claims, iat: now - 900, nbf: undefined, exp: now - 600 }),
    binding,
    code: "AADSTS700024",
    check: "expiry",
    message:
      "Current time: 2026-09-01T12:00:00.0000000Z, assertion valid from 1970-01-01T00:00:00.0000000Z, expiry time of assertion 2026-09-01T11:50:00.0000000Z.",
  },
  {
    name: "refuses a token at its exp second",
    source: "CLOUDS.md 1.4 (validity window) and RFC 7519 4.1.4 (on or after exp)",
    token: token({ ...claims, exp: now }),
    binding,
    code: "AADSTS700024",
    check: "expiry",
    hint: "clock-skew allowance is undocumented",
  },
  {
    name: "refuses a token that is not yet valid",
    source: "CLOUDS.md 1.4 (expired or not-yet-valid: AADSTS700024)",
    token: token({ ...claims, nbf: now + 3600, exp: now + 3900, iat: now + 3600 }),
    binding,
    code: "AADSTS700024",
    check: "notBefore",
    message: "assertion valid from 2026-09-01T13:00:00.0000000Z",
  },
  {
    name: "refuses a token without iat with AADSTS70023 'Token issued at 0'",
    source: "CLOUDS.md 1.4 (azure-docs#86915: iat required)",
    token: token({ ...claims, iat: undefined }),
    binding,
    code: "AADSTS70023",
    check: "issuedAt",
    message: "Token issued at 0.",
  },
  {
    name: "refuses a lifetime one second over 1 day 1 hour",
    source: "CLOUDS.md 1.4 (azure-docs#86916: lifetime <= 1.01:00:00)",
    token: token({ ...claims, iat: now - 60, exp: now - 60 + 90001 }),
    binding,
    code: "AADSTS70023",
    check: "lifetime",
    message: `Token issued at ${now - 60}. Token expires on ${now - 60 + 90001}.`,
  },
  {
    name: "accepts a lifetime of exactly 1 day 1 hour",
    source: "CLOUDS.md 1.4 (less than or equal to 1.01:00:00)",
    token: token({ ...claims, iat: now - 60, exp: now - 60 + 90000 }),
    binding,
    code: null,
  },
  {
    name: "refuses a token without exp",
    source: "CLOUDS.md 1.4 (validity window; missing exp behaviour unconfirmed)",
    token: token({ ...claims, exp: undefined }),
    binding,
    code: "AADSTS700024",
    check: "expiry",
  },
];

describe("evaluateAzure: the token's own rules", () => {
  it.each(titled(cases))("%s", (_title, testCase) => {
    expectOutcome(evaluate(testCase.token, testCase.binding, testCase.request), testCase);
  });

  it("answers with the credential mismatch first but still shows a later expiry failure", () => {
    const evaluation = evaluate(
      token({ ...githubClaims("repo:contoso/api:pull_request"), exp: now - 10 }),
      binding,
    );
    expect(evaluation.cloudError?.code).toBe("AADSTS700213");
    expect(evaluation.checks.filter((check) => !check.ok).map((check) => check.check)).toEqual([
      "subject",
      "expiry",
    ]);
  });

  it("lists the checks in Entra's order", () => {
    const evaluation = evaluate(token(claims), binding);
    expect(evaluation.checks.map((check) => check.check)).toEqual([
      "target",
      "issuer",
      "audience",
      "subject",
      "algorithm",
      "signature",
      "expiry",
      "notBefore",
      "issuedAt",
      "lifetime",
    ]);
    expect(evaluation.checks.every((check) => typeof check.source === "string")).toBe(true);
  });
});
