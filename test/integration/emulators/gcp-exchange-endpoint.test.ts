// The emulated STS token exchange and IAM Credentials generateAccessToken,
// seen on the wire without an SDK: Google's request shapes, the OAuth and
// google.rpc error bodies, and what the emulator records of each call.
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/gcp/sts-routes";
import {
  attributeMember,
  AUDIENCE,
  N,
  POOL,
  POOL_NAME,
  poolMember,
  PROVIDER_NAME,
  SA,
  setUpGcpExchange,
  SUBJECT,
  subjectMember,
  WIU,
  workloadToken,
} from "@/test/integration/exchange/gcp-exchange-fixture";

const fx = setUpGcpExchange();
let dispatcher: Agent;
beforeAll(() => {
  dispatcher = new Agent({ connect: { ca: fx.emulator.ca } });
});
afterAll(() => dispatcher.close());

const EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
const JWT = "urn:ietf:params:oauth:token-type:jwt";
const IAM_SCOPE = "https://www.googleapis.com/auth/iam";

type Answer = { status: number; body: Record<string, unknown> };

async function post(path: string, init: { body: string; headers: Record<string, string> }) {
  const response = await fetch(new URL(path, fx.emulator.rootUrl), {
    method: "POST",
    dispatcher,
    ...init,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function sts(subjectToken: string, fields: Record<string, string> = {}): Promise<Answer> {
  const body = {
    grantType: EXCHANGE,
    audience: AUDIENCE,
    scope: IAM_SCOPE,
    requestedTokenType: ACCESS_TOKEN,
    subjectTokenType: JWT,
    subjectToken,
    ...fields,
  };
  return post("v1/token", {
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
}

function generateAccessToken(bearer: string, body: unknown, email = SA): Promise<Answer> {
  return post(`v1/projects/-/serviceAccounts/${email}:generateAccessToken`, {
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
  });
}

async function federatedToken(overrides: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await sts(await workloadToken(fx, overrides));
  expect(status).toBe(200);
  return String(body.access_token);
}

const oauthError = (error: string, description: string) => ({
  status: 400,
  body: { error, error_description: description },
});

describe("emulated STS token exchange", () => {
  it("exchanges a trusted token for a federated token and records the call without the token", async () => {
    const token = await workloadToken(fx);
    const { status, body } = await sts(token);

    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringContaining(EMULATED_CREDENTIAL_MARKER),
      issued_token_type: ACCESS_TOKEN,
      token_type: "Bearer",
      expires_in: 3600,
    });
    const federated = fx.emulator.state.federatedTokens.get(String(body.access_token));
    expect(federated).toMatchObject({
      pool: POOL_NAME,
      subject: SUBJECT,
      attributes: { repository: "acme/app", owner_ref: "acme@refs/heads/main" },
      scopes: [IAM_SCOPE],
    });
    expect(fx.emulator.state.exchangeCalls).toEqual([
      {
        api: "sts",
        audience: AUDIENCE,
        scope: IAM_SCOPE,
        subjectTokenType: JWT,
        requestedTokenType: ACCESS_TOKEN,
        answer: "ok",
      },
    ]);
    expect(JSON.stringify(fx.emulator.state.exchangeCalls)).not.toContain(token.split(".")[2]);
  });

  it("takes the RFC 8693 form body and an ES256 token as well", async () => {
    const token = await workloadToken(fx, {}, { alg: "ES256" });
    const { status, body } = await post("v1/token", {
      body: new URLSearchParams({
        grant_type: EXCHANGE,
        audience: AUDIENCE,
        scope: IAM_SCOPE,
        requested_token_type: ACCESS_TOKEN,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        subject_token: token,
      }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(status).toBe(200);
    expect(body.token_type).toBe("Bearer");
  });

  it("accepts the provider's name without https: and an allowed audience when the provider lists some", async () => {
    expect((await sts(await workloadToken(fx, { aud: AUDIENCE }))).status).toBe(200);
    fx.emulator.state.providers.get(PROVIDER_NAME)!.oidc!.allowedAudiences = ["sts.example"];
    expect((await sts(await workloadToken(fx, { aud: ["other", "sts.example"] }))).status).toBe(
      200,
    );
  });

  it("answers invalid_target for a provider that is missing, disabled or in a disabled pool", async () => {
    const token = await workloadToken(fx);
    const invalidTarget = oauthError(
      "invalid_target",
      'The target service indicated by the "audience" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn\'t exist.',
    );
    expect(await sts(token, { audience: AUDIENCE.replace("/github", "/gitlab") })).toEqual(
      invalidTarget,
    );
    expect(await sts(token, { audience: AUDIENCE.replace(N, "111111111111") })).toEqual(
      invalidTarget,
    );
    fx.emulator.state.providers.get(PROVIDER_NAME)!.disabled = true;
    expect(await sts(token)).toEqual(invalidTarget);
    fx.emulator.state.providers.get(PROVIDER_NAME)!.disabled = false;
    fx.emulator.state.pools.get(POOL_NAME)!.disabled = true;
    expect(await sts(token)).toEqual(invalidTarget);
  });

  it("answers invalid_request for an audience that is not a provider's full name", async () => {
    const answer = await sts(await workloadToken(fx), {
      audience: `projects/${N}/locations/global/workloadIdentityPools/${POOL}`,
    });
    expect(answer).toEqual(
      oauthError(
        "invalid_request",
        'Invalid value for "audience". This value should be the full resource name of the Identity Provider. See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.',
      ),
    );
  });

  it("answers invalid_grant for an aud the provider does not accept, naming the allowed list", async () => {
    expect(await sts(await workloadToken(fx, { aud: "https://github.com/acme" }))).toEqual(
      oauthError(
        "invalid_grant",
        "The audience in ID Token [https://github.com/acme] does not match the expected audience.",
      ),
    );
    fx.emulator.state.providers.get(PROVIDER_NAME)!.oidc!.allowedAudiences = ["sts.example"];
    expect(await sts(await workloadToken(fx))).toEqual(
      oauthError(
        "invalid_grant",
        `The audience in ID Token [https:${AUDIENCE}] does not match the expected audience sts.example.`,
      ),
    );
  });

  it("answers invalid_grant when the token's issuer is not the provider's, even by a trailing slash", async () => {
    const provider = fx.emulator.state.providers.get(PROVIDER_NAME)!;
    provider.oidc!.issuerUri = `${fx.issuer.issuerUrl}/`;
    expect(await sts(await workloadToken(fx))).toEqual(
      oauthError(
        "invalid_grant",
        `The issuer in ID Token ${fx.issuer.issuerUrl} does not match the expected ones: ${fx.issuer.issuerUrl}/`,
      ),
    );
  });

  it("answers invalid_grant for an expired token, an unreachable issuer and a bad signature", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await workloadToken(fx, { iat: now - 900, nbf: now - 900, exp: now - 600 });
    expect(await sts(expired)).toEqual(
      oauthError("invalid_grant", `ID Token issued at ${now - 900} is stale to sign-in.`),
    );
    const elsewhere = await workloadToken(fx, { iss: "http://127.0.0.1:9" });
    expect(await sts(elsewhere)).toEqual(
      oauthError("invalid_grant", "Error connecting to the given credential's issuer."),
    );
    const [header, payload] = (await workloadToken(fx)).split(".");
    const forged = `${header}.${payload}.${(await workloadToken(fx)).split(".")[2]}`;
    const answer = await sts(forged);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_grant");
  });

  it("answers unauthorized_client when the attribute condition is false", async () => {
    expect(await sts(await workloadToken(fx, { repository_owner: "Acme" }))).toEqual(
      oauthError(
        "unauthorized_client",
        "The given credential is rejected by the attribute condition.",
      ),
    );
  });

  it("answers invalid_request when google.subject maps to more than 127 bytes", async () => {
    const answer = await sts(await workloadToken(fx, { sub: `repo:acme/${"a".repeat(118)}` }));
    expect(answer.body.error).toBe("invalid_request");
    expect(answer.body.error_description).toContain(
      "The size of mapped attribute google.subject exceeds the 127 bytes limit.",
    );
    expect(
      (await sts(await workloadToken(fx, { sub: `repo:acme/${"a".repeat(117)}` }))).status,
    ).toBe(200);
  });

  it("says so when a provider uses CEL beyond its small evaluator", async () => {
    fx.emulator.state.providers.get(PROVIDER_NAME)!.attributeCondition =
      "assertion.ref.startsWith('refs/heads/')";
    const answer = await sts(await workloadToken(fx));
    expect(answer.status).toBe(500);
    expect(answer.body.error_description).toContain("does not evaluate this CEL");
  });
});

describe("emulated IAM Credentials generateAccessToken", () => {
  it("mints a service-account token for a granted subject and records scope, lifetime and principal", async () => {
    const federated = await federatedToken();
    const before = Date.now();
    const { status, body } = await generateAccessToken(federated, {
      scope: ["https://www.googleapis.com/auth/userinfo.email"],
      lifetime: "300s",
    });

    expect(status).toBe(200);
    expect(String(body.accessToken)).toContain(EMULATED_CREDENTIAL_MARKER);
    const expires = Date.parse(String(body.expireTime));
    expect(expires).toBeGreaterThanOrEqual(before + 299_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(fx.emulator.state.exchangeCalls.at(-1)).toEqual({
      api: "iamcredentials",
      serviceAccount: SA,
      principal: subjectMember(SUBJECT),
      scope: ["https://www.googleapis.com/auth/userinfo.email"],
      lifetime: "300s",
      answer: "ok",
    });
  });

  it.each([
    ["an attribute principalSet", attributeMember("repository", "acme/app")],
    [
      "a principalSet built from concatenated claims",
      attributeMember("owner_ref", "acme@refs/heads/main"),
    ],
    ["the whole pool", poolMember],
  ])("grants through %s", async (_, member) => {
    fx.emulator.state.setPolicy(SA, [{ role: WIU, members: [member] }]);
    const { status } = await generateAccessToken(await federatedToken(), { scope: ["x"] });
    expect(status).toBe(200);
  });

  it("refuses with Google's 403 when the policy names another subject, another role or has a condition", async () => {
    const denied = {
      status: 403,
      body: {
        error: {
          code: 403,
          status: "PERMISSION_DENIED",
          message:
            "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "IAM_PERMISSION_DENIED",
              domain: "iam.googleapis.com",
              metadata: { permission: "iam.serviceAccounts.getAccessToken" },
            },
          ],
        },
      },
    };
    const federated = await federatedToken();
    for (const bindings of [
      [{ role: WIU, members: [subjectMember("repo:acme/app:ref:refs/heads/dev")] }],
      [{ role: "roles/iam.serviceAccountUser", members: [subjectMember(SUBJECT)] }],
      [{ role: WIU, members: [subjectMember(SUBJECT)], condition: { expression: "true" } }],
    ]) {
      fx.emulator.state.setPolicy(SA, bindings);
      expect(await generateAccessToken(federated, { scope: ["x"] })).toEqual(denied);
    }
    expect(fx.emulator.state.exchangeCalls.at(-1)?.answer).toBe("PERMISSION_DENIED");
  });

  it("answers 404 for a service account that does not exist", async () => {
    const missing = `ghost@fedlens-exchange.iam.gserviceaccount.com`;
    const { status, body } = await generateAccessToken(
      await federatedToken(),
      { scope: ["x"] },
      missing,
    );
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      status: "NOT_FOUND",
      message: expect.stringContaining(missing),
    });
  });

  it("answers 401 without a federated token and 403 when its scopes do not reach IAM Credentials", async () => {
    expect((await generateAccessToken("not-a-token", { scope: ["x"] })).status).toBe(401);
    const { body } = await sts(await workloadToken(fx), {
      scope: "https://www.googleapis.com/auth/userinfo.email",
    });
    const narrow = await generateAccessToken(String(body.access_token), { scope: ["x"] });
    expect(narrow.status).toBe(403);
    expect(narrow.body.error).toMatchObject({
      message: "Request had insufficient authentication scopes.",
    });
  });

  it("refuses a lifetime over an hour and a request without scope", async () => {
    const federated = await federatedToken();
    const long = await generateAccessToken(federated, { scope: ["x"], lifetime: "3601s" });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      message: "The access token lifetime cannot exceed 3600 seconds.",
    });
    expect((await generateAccessToken(federated, { scope: [] })).status).toBe(400);
  });
});
