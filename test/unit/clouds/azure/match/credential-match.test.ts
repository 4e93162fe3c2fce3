import { describe, expect, it } from "vitest";
import {
  aksClaims,
  aksIssuer,
  envFic,
  envSub,
  evaluate,
  exchange,
  expectOutcome,
  github,
  githubClaims,
  now,
  single,
  tenant,
  token,
  titled,
  type Case,
} from "./fixtures";

// Issuer, audience and subject of one credential against the token
// (CLOUDS.md 1.3, 1.4, 1.8): exact, case-sensitive, in Entra's split codes.

// A new Azure DevOps service connection's subject: Entra prefix, then
// /sc/<organization id>/<service connection id> (CLOUDS.md 4).
const adoSubject =
  "/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/9ExAW52n_ky4ZiS_jhpJIQ/sc/0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a/7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098";

const issuerCases: Case[] = [
  {
    name: "accepts a GitHub environment token against its environment credential",
    source: "CLOUDS.md 1.3 (Graph FIC overview) and 4 (GitHub OIDC reference)",
    token: token(githubClaims(envSub)),
    binding: single(envFic),
    code: null,
  },
  {
    name: "refuses an AKS token when the credential's issuer lacks the trailing slash",
    source: "CLOUDS.md 1.3 (azwi troubleshooting: AKS issuers end in '/')",
    token: token(aksClaims()),
    binding: single({
      name: "aks",
      issuer: aksIssuer.slice(0, -1),
      subject: "system:serviceaccount:wkldid:sawkldid",
    }),
    code: "AADSTS700211",
    check: "issuer",
    hint: "trailing slash counts. AKS issuers end in '/'",
    message: `presented assertion issuer '${aksIssuer}'`,
  },
  {
    name: "refuses a GitHub token when the credential's issuer has a trailing slash",
    source: "CLOUDS.md 1.3 (MicrosoftDocs/azure-docs#105462)",
    token: token(githubClaims(envSub)),
    binding: single({ ...envFic, issuer: `${github}/` }),
    code: "AADSTS700211",
    check: "issuer",
    hint: "GitHub's issuer has no trailing slash",
  },
  {
    name: "refuses an issuer that differs only in case",
    source: "CLOUDS.md 1.3 (breaking change: case-sensitive issuer, subject and audience)",
    token: token(githubClaims(envSub)),
    binding: single({ ...envFic, issuer: "https://Token.Actions.GitHubUserContent.com" }),
    code: "AADSTS700211",
    check: "issuer",
    hint: "differ only in letter case",
  },
  {
    name: "refuses a token whose iss carries trailing whitespace",
    source: "CLOUDS.md 1.3 (considerations include: whitespace blocks the exchange)",
    token: token(githubClaims(envSub, { iss: `${github} ` })),
    binding: single(envFic),
    code: "AADSTS700211",
    check: "issuer",
    hint: "leading or trailing whitespace",
  },
  {
    name: "refuses a GHEC unique-issuer token against the shared GitHub issuer, naming the enterprise issuer",
    source:
      "CLOUDS.md 4 (GitHub OIDC reference: …/<enterpriseSlug>) and 1.8 (AADSTS700211: GHEC issuer)",
    token: token(githubClaims(envSub, { iss: `${github}/contoso-ent` })),
    binding: single(envFic),
    code: "AADSTS700211",
    check: "issuer",
    hint: "enterprise with a unique issuer",
  },
  {
    name: "refuses a token issued by Entra v1 (sts.windows.net) with AADSTS700222",
    source: "CLOUDS.md 1.4 (considerations: AAD-issued tokens)",
    token: token(githubClaims("3f2c…", { iss: `https://sts.windows.net/${tenant}/` })),
    binding: single({
      name: "entra",
      issuer: `https://sts.windows.net/${tenant}/`,
      subject: "3f2c…",
    }),
    code: "AADSTS700222",
    check: "issuer",
    message: "AAD-issued tokens may not be used for federated identity flows",
  },
  {
    name: "accepts the Azure DevOps service-connection issuer login.microsoftonline.com/<tenant>/v2.0",
    source: "CLOUDS.md 1.4 (ADO troubleshooting: new connections use the Entra issuer by design)",
    token: token({
      iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
      aud: exchange,
      sub: adoSubject,
      iat: now - 60,
      exp: now + 3000,
    }),
    binding: single({
      name: "ado-connection",
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      subject: adoSubject,
    }),
    code: null,
  },
  {
    name: "refuses an ordinary Entra v2 token whose subject is not a service connection's, with AADSTS700222",
    source:
      "CLOUDS.md 1.4 (considerations) and 4 (ADO: subject <entra prefix>/sc/<org id>/<service connection id>)",
    token: token({
      iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
      aud: exchange,
      sub: "5b9d2c6e-1f0a-4c3d-9e8b-7a6f5e4d3c2b",
      iat: now - 60,
      exp: now + 3000,
    }),
    binding: single({
      name: "entra-object",
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      subject: "5b9d2c6e-1f0a-4c3d-9e8b-7a6f5e4d3c2b",
    }),
    code: "AADSTS700222",
    check: "issuer",
  },
  {
    name: "explains whitespace after an Entra issuer as an issuer slip, not as Entra's own token",
    source: "CLOUDS.md 1.3 (whitespace in the token's issuer blocks the exchange)",
    token: token({
      iss: `https://login.microsoftonline.com/${tenant}/v2.0 `,
      aud: exchange,
      sub: adoSubject,
      iat: now - 60,
      exp: now + 3000,
    }),
    binding: single({
      name: "ado-connection",
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      subject: adoSubject,
    }),
    code: "AADSTS700211",
    check: "issuer",
    hint: "whitespace",
  },
  {
    name: "refuses another login.microsoftonline.com issuer (not the ADO form) with AADSTS700222",
    source: "CLOUDS.md 1.4 (considerations: *.login.microsoftonline.com)",
    token: token(githubClaims("x", { iss: `https://login.microsoftonline.com/${tenant}/` })),
    binding: single({
      name: "entra-v1",
      issuer: `https://login.microsoftonline.com/${tenant}/`,
      subject: "x",
    }),
    code: "AADSTS700222",
    check: "issuer",
  },
  {
    name: "refuses a token without iss",
    source: "CLOUDS.md 1.3 (issuer compared exactly) and 1.8 (AADSTS700211)",
    token: token(githubClaims(envSub, { iss: undefined })),
    binding: single(envFic),
    code: "AADSTS700211",
    check: "issuer",
  },
];

const audienceCases: Case[] = [
  {
    name: "refuses GitHub's default audience (the owner URL) with AADSTS700212",
    source: "CLOUDS.md 4 (GitHub default aud) and 1.8 (AADSTS700212)",
    token: token(githubClaims(envSub, { aud: "https://github.com/contoso" })),
    binding: single(envFic),
    code: "AADSTS700212",
    check: "audience",
    hint: "GitHub's default audience",
    message: "presented assertion audience 'https://github.com/contoso'",
  },
  {
    name: "refuses an audience that differs only in case",
    source: "CLOUDS.md 1.3 (breaking change: audience case-sensitive)",
    token: token(githubClaims(envSub, { aud: "api://azureadtokenexchange" })),
    binding: single(envFic),
    code: "AADSTS700212",
    check: "audience",
    hint: "differ only in letter case",
  },
  {
    name: "accepts aud as a one-element list like a string",
    source: "CLOUDS.md 1.3 (single-element arrays, as in Kubernetes projected tokens, work)",
    token: token(githubClaims(envSub, { aud: [exchange] })),
    binding: single(envFic),
    code: null,
  },
  {
    name: "accepts a multi-valued aud holding the audience, saying it is undocumented",
    source: "CLOUDS.md 1.3 and 6 (multi-valued aud comparison unconfirmed)",
    token: token(githubClaims(envSub, { aud: ["https://github.com/contoso", exchange] })),
    binding: single(envFic),
    code: null,
    hint: "undocumented",
  },
  {
    name: "refuses a multi-valued aud without the audience",
    source: "CLOUDS.md 1.3 (exactly one audience, compared exactly)",
    token: token(
      githubClaims(envSub, { aud: ["https://github.com/contoso", "sts.amazonaws.com"] }),
    ),
    binding: single(envFic),
    code: "AADSTS700212",
    check: "audience",
    hint: "undocumented",
  },
  {
    name: "refuses the Azure China audience against the global one, naming the cloud",
    source: "CLOUDS.md 1.3 (Azure China DevOps moved to api://AzureADTokenExchangeChina)",
    token: token(githubClaims(envSub, { aud: `${exchange}China` })),
    binding: single(envFic),
    code: "AADSTS700212",
    check: "audience",
    hint: "Azure China",
  },
  {
    name: "refuses a token without aud",
    source: "CLOUDS.md 1.3 (audience compared exactly) and 1.8 (AADSTS700212)",
    token: token(githubClaims(envSub, { aud: undefined })),
    binding: single(envFic),
    code: "AADSTS700212",
    check: "audience",
  },
];

describe("evaluateAzure: issuer", () => {
  it.each(titled(issuerCases))("%s", (_title, testCase) => {
    expectOutcome(evaluate(testCase.token, testCase.binding, testCase.request), testCase);
  });

  it("shows the expected and actual issuer on the failing check so the UI can diff them", () => {
    const evaluation = evaluate(
      token(aksClaims()),
      single({
        name: "aks",
        issuer: aksIssuer.slice(0, -1),
        subject: "system:serviceaccount:wkldid:sawkldid",
      }),
    );
    const issuer = evaluation.checks.find((check) => check.check === "issuer");
    expect(issuer).toMatchObject({
      ok: false,
      expected: aksIssuer.slice(0, -1),
      actual: aksIssuer,
    });
  });
});

describe("evaluateAzure: audience", () => {
  it.each(titled(audienceCases))("%s", (_title, testCase) => {
    expectOutcome(evaluate(testCase.token, testCase.binding, testCase.request), testCase);
  });

  // CLOUDS.md 1.3 and 6: the multi-valued aud rule is unconfirmed, so an
  // "accepted" resting on it says so at the verdict, not only in a hint.
  it("qualifies an accept that rests on a multi-valued aud, and only then", () => {
    const several = evaluate(
      token(githubClaims(envSub, { aud: ["https://github.com/contoso", exchange] })),
      single(envFic),
    );
    expect(several.accepted).toBe(true);
    expect(several.caveats).toEqual([expect.stringContaining("multi-valued aud is undocumented")]);
    const one = evaluate(token(githubClaims(envSub, { aud: [exchange] })), single(envFic));
    expect(one.accepted).toBe(true);
    expect(one).not.toHaveProperty("caveats");
  });
});
