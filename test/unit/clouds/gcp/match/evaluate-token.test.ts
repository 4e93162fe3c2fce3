import { describe, expect, it } from "vitest";
import { runCase, type EvaluatorCase } from "./cases";
import {
  github,
  githubClaims,
  evaluate,
  httpsAudience,
  now,
  poolPath,
  projectNumber,
  providerResource,
  token,
} from "./fixtures";

const audienceMismatch = (aud: string, expected = "") =>
  `The audience in ID Token [${aud}] does not match the expected audience${expected}.`;

// STS: the request's audience parameter, the provider, and the subject token
// (CLOUDS.md 3.1, 3.2, 3.5, 3.6, 3.8).
const cases: EvaluatorCase[] = [
  {
    name: "accepts a GitHub token whose aud is the https:// provider name with allowedAudiences empty",
    source: "CLOUDS.md 3.2 (provider OIDC object: with or without https:)",
    expected: { accepted: true, broad: false },
  },
  {
    name: "accepts the //iam form of the provider name as aud too",
    source: "CLOUDS.md 3.2 (provider OIDC object)",
    claims: githubClaims({ aud: providerResource }),
    expected: { accepted: true },
  },
  {
    name: "refuses an aud naming the project ID instead of the number, with the project-number hint",
    source: "CLOUDS.md 3.2 (auth TROUBLESHOOTING: a project ID doesn't work)",
    claims: githubClaims({ aud: httpsAudience.replace(projectNumber, "octo-proj") }),
    expected: {
      accepted: false,
      check: "audience",
      code: "invalid_grant",
      message: audienceMismatch(httpsAudience.replace(projectNumber, "octo-proj")),
      hint: /project ID "octo-proj".*NUMBER \(123456789012\)/,
    },
  },
  {
    name: "refuses an aud naming the pool instead of the provider",
    source: "CLOUDS.md 3.8 (the pool name used instead of the provider)",
    claims: githubClaims({ aud: `https://iam.googleapis.com/${poolPath}` }),
    expected: {
      accepted: false,
      check: "audience",
      code: "invalid_grant",
      hint: /names the pool, not the provider/,
    },
  },
  {
    name: "refuses the canonical name once allowedAudiences is set, and says the list replaced it",
    source: "CLOUDS.md 3.2 (non-empty list: the default is no longer accepted) and 3.8",
    binding: { allowedAudiences: ["https://github.com/octo-org"] },
    expected: {
      accepted: false,
      check: "audience",
      code: "invalid_grant",
      message: audienceMismatch(httpsAudience, " https://github.com/octo-org"),
      hint: /allowedAudiences is set/,
    },
  },
  {
    name: "refuses the // form when the list holds only the https:// form",
    source: "CLOUDS.md 3.2 (only the list counts once set)",
    claims: githubClaims({ aud: providerResource }),
    binding: { allowedAudiences: [httpsAudience, "sts.example"] },
    expected: {
      accepted: false,
      check: "audience",
      code: "invalid_grant",
      hint: /https:\/\/ form of this name/,
    },
  },
  {
    name: "accepts an aud listed in allowedAudiences",
    source: "CLOUDS.md 3.2 (aud must match one of allowedAudiences)",
    claims: githubClaims({ aud: "https://github.com/octo-org" }),
    binding: { allowedAudiences: ["https://github.com/octo-org"] },
    expected: { accepted: true },
  },
  {
    name: "refuses GitHub's default owner-URL audience against an empty list, naming it",
    source: "CLOUDS.md §4 GitHub Actions (default aud) and 3.2",
    claims: githubClaims({ aud: "https://github.com/octo-org" }),
    expected: {
      accepted: false,
      check: "audience",
      code: "invalid_grant",
      hint: /GitHub's default audience/,
    },
  },
  {
    name: "refuses an aud that differs from the listed one only by case",
    source: "CLOUDS.md 3.2 (exact comparison) and 3.4 (Google is case-sensitive)",
    claims: githubClaims({ aud: "https://github.com/Octo-Org" }),
    binding: { allowedAudiences: ["https://github.com/octo-org"] },
    expected: { accepted: false, check: "audience", code: "invalid_grant", hint: /only by case/ },
  },
  {
    name: "accepts a one-element aud array like a string",
    source: "CLOUDS.md §4 Kubernetes (aud is an array) and 3.2",
    claims: githubClaims({ aud: [httpsAudience] }),
    expected: { accepted: true },
  },
  {
    name: "accepts a multi-valued aud with one allowed value and says the rule is undocumented",
    source: "CLOUDS.md 6 (multi-valued aud handling unconfirmed)",
    claims: githubClaims({ aud: ["other", httpsAudience] }),
    expected: { accepted: true, check: "audience", hint: /multi-valued aud/ },
  },
  {
    name: "refuses an issuer that differs by a trailing slash, with Google's wording and the slash hint",
    source: "CLOUDS.md 3.2 and 3.8 (auth TROUBLESHOOTING: issuer mismatch text)",
    binding: { issuerUri: `${github}/` },
    expected: {
      accepted: false,
      check: "issuer",
      code: "invalid_grant",
      message: `The issuer in ID Token ${github} does not match the expected ones: ${github}/`,
      hint: /trailing slash.*unconfirmed/,
    },
  },
  {
    name: "refuses a GitHub Enterprise unique issuer against the github.com provider",
    source: "CLOUDS.md §4 GitHub Actions (GHEC unique issuer) and 3.8",
    claims: githubClaims({ iss: `${github}/octo-enterprise` }),
    expected: {
      accepted: false,
      check: "issuer",
      code: "invalid_grant",
      hint: /GitHub Enterprise with a unique issuer/,
    },
  },
  {
    name: "refuses an Entra v1 issuer against a v2 provider",
    source: "CLOUDS.md 3.8 (Entra v1 vs v2 issuer)",
    claims: githubClaims({ iss: "https://sts.windows.net/0000-tenant/" }),
    binding: { issuerUri: "https://login.microsoftonline.com/0000-tenant/v2.0" },
    expected: { accepted: false, check: "issuer", code: "invalid_grant", hint: /Entra v1 issuer/ },
  },
  {
    name: "refuses every token when the provider is disabled",
    source: "CLOUDS.md 3.1 (a disabled provider can't exchange tokens) and 3.8 (invalid_target)",
    binding: { disabled: true },
    expected: {
      accepted: false,
      check: "target",
      code: "invalid_target",
      message: /pool or provider is disabled or deleted/,
    },
  },
  {
    name: "refuses an STS audience without the //iam.googleapis.com/ prefix as invalid_request",
    source: "CLOUDS.md 3.8 (malformed STS audience)",
    request: { gcp: { stsAudience: providerResource.replace("//iam.googleapis.com/", "") } },
    expected: {
      accepted: false,
      check: "target",
      code: "invalid_request",
      message: /full resource name/,
      hint: /Prefix the name/,
    },
  },
  {
    name: "refuses the https:// form as the STS audience parameter",
    source: "CLOUDS.md 3.6 (audience is //iam…; auth#426 log)",
    request: { gcp: { stsAudience: httpsAudience } },
    expected: {
      accepted: false,
      check: "target",
      code: "invalid_request",
      hint: /for the token's aud/,
    },
  },
  {
    name: "refuses an STS audience with the project ID as invalid_target",
    source:
      "CLOUDS.md 3.8 (invalid_target, project-number mismatch; google-github-actions/auth#202)",
    request: { gcp: { stsAudience: providerResource.replace(projectNumber, "octo-proj") } },
    expected: {
      accepted: false,
      check: "target",
      code: "invalid_target",
      hint: /project ID "octo-proj"/,
    },
  },
  {
    name: "accepts the provider's own name as the STS audience",
    source: "CLOUDS.md 3.6 (audience parameter)",
    request: { gcp: { stsAudience: providerResource } },
    expected: { accepted: true },
  },
  {
    name: "refuses RS512",
    source: "CLOUDS.md 3.5 (alg must be RS256 or ES256)",
    facts: token(githubClaims(), { alg: "RS512", kid: "key-1" }),
    expected: {
      accepted: false,
      check: "algorithm",
      code: "invalid_grant",
      hint: /only RS256 and ES256/,
    },
  },
  {
    name: "accepts ES256 (SPIRE's default key type)",
    source: "CLOUDS.md 3.5 and §4 SPIFFE/SPIRE (ES256 is fine for GCP)",
    facts: token(githubClaims(), { alg: "ES256", kid: "spire-1" }),
    expected: { accepted: true },
  },
  {
    name: "refuses a token without kid",
    source: "CLOUDS.md 3.5 (kid is required)",
    facts: token(githubClaims(), { alg: "RS256" }),
    expected: { accepted: false, check: "algorithm", code: "invalid_grant", message: /kid/ },
  },
  {
    name: "refuses HS256",
    source: "CLOUDS.md 3.5 (RS256 or ES256 only)",
    facts: token(githubClaims(), { alg: "HS256", kid: "k" }),
    expected: { accepted: false, check: "algorithm", code: "invalid_grant", hint: /asymmetric/ },
  },
  {
    name: "accepts what-if claims whose header gives only alg",
    source: "issue 4 item 5 (with claims the header's alg is still checked)",
    facts: token(githubClaims(), { alg: "RS256" }, "skipped"),
    expected: { accepted: true },
  },
  {
    name: "refuses what-if claims whose header gives an unsupported alg",
    source: "issue 4 item 5 and CLOUDS.md 3.5 (RS256 or ES256 only)",
    facts: token(githubClaims(), { alg: "EdDSA" }, "skipped"),
    expected: { accepted: false, check: "algorithm", code: "invalid_grant" },
  },
  {
    name: "accepts what-if claims without a header or signature",
    source: "issue 4 item 5 (with claims the signature check is skipped)",
    facts: token(githubClaims(), {}, "skipped"),
    expected: { accepted: true },
  },
  {
    name: "refuses an invalid signature with the pipeline's reason",
    source: "issue 4 item 3 (a signature that is not valid fails)",
    facts: token(githubClaims(), undefined, "invalid", "signature verification failed"),
    expected: {
      accepted: false,
      check: "signature",
      code: "invalid_grant",
      checkMessage: /^signature verification failed$/,
    },
  },
  {
    name: "reports keys that cannot be fetched as Google's issuer connection error",
    source: "CLOUDS.md 3.8 (Error connecting to the given credential's issuer)",
    facts: token(githubClaims(), undefined, "unverifiable", "JWKS fetch failed"),
    expected: {
      accepted: false,
      check: "signature",
      code: "invalid_grant",
      message: "Error connecting to the given credential's issuer.",
    },
  },
  {
    name: "refuses a token issued in the future",
    source: "CLOUDS.md 3.5 (iat must be in the past)",
    claims: githubClaims({ iat: now + 120, nbf: now + 120, exp: now + 600 }),
    expected: { accepted: false, check: "issuedAt", code: "invalid_grant" },
  },
  {
    name: "refuses a lifetime of exactly 48 hours",
    source: "CLOUDS.md 3.5 (exp must be < 48 h after iat)",
    claims: githubClaims({ iat: now - 60, exp: now - 60 + 48 * 3600 }),
    expected: { accepted: false, check: "lifetime", code: "invalid_grant", hint: /under 6 hours/ },
  },
  {
    name: "accepts a lifetime just under 48 hours",
    source: "CLOUDS.md 3.5 (exp must be < 48 h after iat)",
    claims: githubClaims({ iat: now - 60, exp: now - 61 + 48 * 3600 }),
    expected: { accepted: true },
  },
  {
    name: "refuses an expired token with the stale wording and the iat",
    source: "CLOUDS.md 3.5 and 3.8 (ID Token issued at <iat> is stale to sign-in; fullsend#705)",
    claims: githubClaims({ iat: now - 900, nbf: now - 900, exp: now - 600 }),
    expected: {
      accepted: false,
      check: "expiry",
      code: "invalid_grant",
      message: `ID Token issued at ${now - 900} is stale to sign-in.`,
    },
  },
  {
    name: "refuses a token without sub",
    source: "CLOUDS.md 3.5 (sub is required)",
    claims: githubClaims({ sub: undefined }),
    expected: { accepted: false, check: "claims", code: "invalid_grant", message: /sub/ },
  },
];

describe("evaluateGcp: STS request, provider and subject token", () => {
  it.each(cases.map((row) => [`${row.name} [${row.source}]`, row] as const))("%s", (_name, row) => {
    runCase(row);
  });
});

describe("evaluateGcp: verdict caveats", () => {
  // CLOUDS.md 6: Google does not document multi-valued aud handling.
  it("qualifies an accept that rests on a multi-valued aud, and only then", () => {
    const several = evaluate(token(githubClaims({ aud: ["other", httpsAudience] })));
    expect(several.accepted).toBe(true);
    expect(several.caveats).toEqual([expect.stringContaining("multi-valued aud")]);
    const one = evaluate(token(githubClaims({ aud: [httpsAudience] })));
    expect(one.accepted).toBe(true);
    expect(one).not.toHaveProperty("caveats");
  });
});
