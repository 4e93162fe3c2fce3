// POST /api/v1/evaluate with Azure bindings (issue 4 item 5): a what-if with
// bare claims (signature skipped, the header's alg still checked), a signed
// token verified with the catalogued issuer's keys, and an identity with
// several or no federated identity credentials.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { azureAudience } from "@/test/factories/catalog";
import { createTestToken, createTestUser } from "@/test/factories/users";
import {
  generateSigningKey,
  githubActionsClaims,
  githubActionsIssuer,
  startOidcIssuer,
  type OidcIssuer,
} from "@/test/support/oidc-issuer";
import {
  allowLoopbackIssuers,
  catalogueIssuer,
  checkNamed,
  evaluate,
  firstFailure,
} from "./support";

allowLoopbackIssuers();

let issuer: OidcIssuer;
let viewerToken: string;

beforeAll(async () => {
  issuer = await startOidcIssuer();
  await catalogueIssuer(issuer, { issuerUrl: githubActionsIssuer, kind: "github-actions" });
  viewerToken = await createTestToken(await createTestUser({ role: "viewer" }));
});

afterAll(() => issuer.stop());

const repo = "repo:contoso/app";
const fic = (name: string, subject: string) => ({
  name,
  issuer: githubActionsIssuer,
  audiences: [azureAudience],
  subject,
});
const mainFic = fic("app-main", `${repo}:ref:refs/heads/main`);
const pushToMain = () => githubActionsClaims({ owner: "contoso", repo: "app", aud: azureAudience });
const rs256 = { alg: "RS256", kid: "key-1", typ: "JWT" };

describe("a what-if with claims", () => {
  it("accepts matching claims, saying the signature was not checked", async () => {
    const evaluation = await evaluate(
      { claims: pushToMain(), header: rs256, binding: { cloud: "azure", ...mainFic } },
      viewerToken,
    );

    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(checkNamed(evaluation, "signature")).toMatchObject({
      ok: true,
      message: "Not checked: claims were given without a signed token.",
    });
  });

  it("still checks the header's alg: ES256 is refused with AADSTS5002738", async () => {
    const evaluation = await evaluate(
      {
        claims: pushToMain(),
        header: { ...rs256, alg: "ES256" },
        binding: { cloud: "azure", ...mainFic },
      },
      viewerToken,
    );

    expect(evaluation.cloudError).toEqual({
      code: "AADSTS5002738",
      message: "AADSTS5002738: Invalid JWT token. 'ES256' is not a supported signature algorithm.",
    });
    expect(firstFailure(evaluation)).toMatchObject({
      check: "algorithm",
      expected: "RS256",
      actual: "ES256",
      hint: expect.stringMatching(/^Entra accepts RSA keys only/),
    });
  });

  it("evaluates at the time given: an hour later the token has expired (AADSTS700024)", async () => {
    const claims = pushToMain();
    const at = new Date(((claims.exp as number) + 3600) * 1000).toISOString();

    const evaluation = await evaluate(
      { claims, header: rs256, binding: { cloud: "azure", ...mainFic }, at },
      viewerToken,
    );

    expect(evaluation.cloudError?.code).toBe("AADSTS700024");
    expect(firstFailure(evaluation)?.check).toBe("expiry");
  });
});

describe("a what-if with a signed token", () => {
  it("verifies it with the catalogued issuer's keys and accepts it", async () => {
    const token = await issuer.mint(pushToMain());

    const evaluation = await evaluate(
      { token, binding: { cloud: "azure", ...mainFic } },
      viewerToken,
    );

    expect(evaluation).toMatchObject({ accepted: true, cloudError: null });
    expect(checkNamed(evaluation, "signature")).toMatchObject({
      ok: true,
      message: "The signature verifies with the issuer's key.",
    });
  });

  it("refuses a token signed by another key with AADSTS50027", async () => {
    const impostor = await generateSigningKey("RS256", issuer.currentKey().kid);
    const token = await issuer.mint(pushToMain(), { key: impostor });

    const evaluation = await evaluate(
      { token, binding: { cloud: "azure", ...mainFic } },
      viewerToken,
    );

    expect(evaluation.cloudError?.code).toBe("AADSTS50027");
    expect(firstFailure(evaluation)).toMatchObject({
      check: "signature",
      message: "The signature does not match the issuer's key.",
    });
  });
});

describe("an identity's list of federated identity credentials", () => {
  const credentials = [
    fic("app-production", `${repo}:environment:production`),
    mainFic,
    fic("app-pull-requests-elsewhere", "repo:contoso/other:pull_request"),
  ];

  it("accepts when one of several credentials matches, naming it", async () => {
    const evaluation = await evaluate(
      {
        claims: pushToMain(),
        header: rs256,
        binding: {
          cloud: "azure",
          target: "application",
          federatedIdentityCredentials: credentials,
        },
      },
      viewerToken,
    );

    expect(evaluation.accepted).toBe(true);
    expect(checkNamed(evaluation, "target")).toMatchObject({
      ok: true,
      actual: "3 credentials",
      message: "Credential 'app-main' (2 of 3) matches the token.",
    });
  });

  it("refuses when none matches, reporting the nearest credential's failure", async () => {
    const claims = githubActionsClaims({
      owner: "contoso",
      repo: "app",
      trigger: "pull_request",
      aud: azureAudience,
    });

    const evaluation = await evaluate(
      {
        claims,
        header: rs256,
        binding: { cloud: "azure", federatedIdentityCredentials: credentials },
      },
      viewerToken,
    );

    expect(evaluation.cloudError?.code).toBe("AADSTS700213");
    expect(checkNamed(evaluation, "target").message).toMatch(
      /^None of the 3 credentials matches; the nearest, '[a-z-]+' \(\d of 3\), is checked below\.$/,
    );
  });

  it("refuses an identity without credentials with AADSTS70025, naming the client", async () => {
    const clientId = randomUUID();

    const evaluation = await evaluate(
      {
        claims: pushToMain(),
        header: rs256,
        binding: {
          cloud: "azure",
          target: "userAssignedIdentity",
          federatedIdentityCredentials: [],
        },
        request: { azure: { clientId } },
      },
      viewerToken,
    );

    expect(evaluation).toMatchObject({
      accepted: false,
      cloudError: {
        code: "AADSTS70025",
        message: `AADSTS70025: The client '${clientId}'(…) has no configured federated identity credentials.`,
      },
    });
    expect(firstFailure(evaluation)).toMatchObject({ check: "target", actual: "0 credentials" });
  });
});
