// The emulator's Entra token endpoint, federated case: raw form posts with a
// real signed client assertion (test issuer, keys made for the run), the
// access token it mints, and each documented refusal body.
import { createHash } from "node:crypto";
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/azure/entra-assertion-token";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";
import { generateSigningKey, startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";

const TENANT = "00000000-0000-4000-8000-00000000a0a0";
const OTHER_TENANT = "00000000-0000-4000-8000-00000000b0b0";
const SUB = "00000000-0000-4000-8000-000000000001";
const AUDIENCE = "api://AzureADTokenExchange";
const SUBJECT = "repo:contoso/app:environment:prod";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

let emulator: AzureEmulator;
let issuer: OidcIssuer;
let identity: { clientId: string; principalId: string };
let bare: { clientId: string };
let app: { appId: string; objectId: string };

const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: issuer.issuerUrl,
  sub: SUBJECT,
  aud: AUDIENCE,
  iat: now() - 5,
  nbf: now() - 5,
  exp: now() + 300,
  jti: crypto.randomUUID(),
  ...overrides,
});

beforeAll(async () => {
  emulator = await startAzureEmulator();
  issuer = await startOidcIssuer({ algs: ["RS256", "ES256"] });
  const fic = (subject = SUBJECT) => ({
    issuer: issuer.issuerUrl,
    subject,
    audiences: [AUDIENCE],
  });
  const id = emulator.store.addIdentity(SUB, "rg", "id-deploy", { tenantId: TENANT });
  emulator.store.seedFic(id, { name: "prod", properties: fic() });
  emulator.store.seedFic(id, { name: "dev", properties: fic("repo:contoso/app:environment:Dev") });
  const stored = emulator.store.identity(id)!;
  identity = { clientId: stored.clientId, principalId: stored.principalId };
  const bareId = emulator.store.addIdentity(SUB, "rg", "id-bare", { tenantId: TENANT });
  bare = { clientId: emulator.store.identity(bareId)!.clientId };
  const objectId = emulator.graph.addApplication();
  app = { objectId, appId: emulator.graph.application(objectId)!.appId };
  emulator.graph.seedFic(objectId, {
    name: "main-branches",
    properties: {
      issuer: issuer.issuerUrl,
      audiences: [AUDIENCE],
      claimsMatchingExpression: {
        value:
          "claims['sub'] matches 'repo:contoso/*:ref:refs/heads/*' and claims['env'] eq 'it''s'",
        languageVersion: 1,
      },
    },
  });
});
afterAll(async () => {
  await emulator.close();
  await issuer.stop();
});

type Reply = { status: number; body: Record<string, unknown>; text: string };

function postToken(tenant: string, form: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${emulator.endpoint}/${tenant}/oauth2/v2.0/token`);
    const req = request(url, { method: "POST", ca: emulator.ca }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          text,
          body: JSON.parse(text) as Record<string, unknown>,
        }),
      );
    });
    req.on("error", reject);
    req.setHeader("content-type", "application/x-www-form-urlencoded");
    req.end(new URLSearchParams(form).toString());
  });
}

const exchange = (assertion: string, clientId = identity.clientId, tenant = TENANT) =>
  postToken(tenant, {
    grant_type: "client_credentials",
    client_id: clientId,
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
    scope: "https://management.azure.com/.default",
  });

const decode = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

describe("Azure emulator: Entra token endpoint with a federated client assertion", () => {
  it("mints an access token for the managed identity whose FIC matches, and records the request", async () => {
    const assertion = await issuer.mint(claims());
    const reply = await exchange(assertion);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    const accessToken = String(reply.body.access_token);
    expect(accessToken.split(".")).toHaveLength(3);
    expect(accessToken).toContain(EMULATED_CREDENTIAL_MARKER);
    const minted = decode(accessToken);
    expect(minted).toMatchObject({
      oid: identity.principalId,
      tid: TENANT,
      appid: identity.clientId,
      azp: identity.clientId,
      aud: "https://management.azure.com",
      xms_emulated: EMULATED_CREDENTIAL_MARKER,
    });
    expect(Number(minted.exp)).toBeGreaterThan(now() + 3500);
    const record = emulator.entra.exchanges.at(-1)!;
    expect(record).toMatchObject({
      tenant: TENANT,
      clientId: identity.clientId,
      scope: "https://management.azure.com/.default",
      outcome: "issued",
      credential: accessToken,
      assertion: {
        sha256: createHash("sha256").update(assertion).digest("hex"),
        iss: issuer.issuerUrl,
        sub: SUBJECT,
      },
    });
    expect(JSON.stringify(emulator.entra.exchanges)).not.toContain(assertion);
    expect(emulator.entra.isIssued(accessToken)).toBe(true);
  });

  it("mints for an app registration through a flexible FIC, with its service principal as oid", async () => {
    const assertion = await issuer.mint(
      claims({ sub: "repo:contoso/api:ref:refs/heads/release/1", env: "it's" }),
    );
    const reply = await exchange(assertion, app.appId);
    expect(reply.status).toBe(200);
    expect(decode(String(reply.body.access_token))).toMatchObject({
      oid: emulator.entra.servicePrincipalOf(TENANT, app.appId),
      appid: app.appId,
      tid: TENANT,
    });
  });

  it("serves the tenant metadata of a tenant known only through its identities", async () => {
    emulator.store.addIdentity(SUB, "rg", "id-other", { tenantId: OTHER_TENANT });
    const response = await new Promise<number>((resolve, reject) => {
      const url = `${emulator.endpoint}/${OTHER_TENANT}/v2.0/.well-known/openid-configuration`;
      request(url, { ca: emulator.ca }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on("error", reject)
        .end();
    });
    expect(response).toBe(200);
  });

  type Case = {
    name: string;
    status: number;
    error: string;
    code: number;
    text: RegExp;
    send: () => Promise<Reply>;
  };
  const mismatch = "No matching federated identity record found for presented assertion";
  const cases: Case[] = [
    {
      name: "an unknown client id",
      ...{ status: 400, error: "unauthorized_client", code: 700016 },
      text: /Application with identifier '[0-9a-f-]+' was not found in the directory/,
      send: async () => exchange(await issuer.mint(claims()), crypto.randomUUID()),
    },
    {
      name: "an identity asked for in another tenant",
      ...{ status: 400, error: "unauthorized_client", code: 700016 },
      text: /was not found in the directory '00000000-0000-4000-8000-00000000b0b0'/,
      send: async () => exchange(await issuer.mint(claims()), identity.clientId, OTHER_TENANT),
    },
    {
      name: "an identity without federated credentials",
      ...{ status: 401, error: "invalid_client", code: 70025 },
      text: /has no configured federated identity credentials/,
      send: async () => exchange(await issuer.mint(claims()), bare.clientId),
    },
    {
      name: "an issuer no FIC names (trailing slash)",
      ...{ status: 401, error: "invalid_client", code: 700211 },
      text: new RegExp(`${mismatch} issuer '${"http://127\\.0\\.0\\.1:\\d+/"}'`),
      send: async () => exchange(await issuer.mint(claims({ iss: `${issuer.issuerUrl}/` }))),
    },
    {
      name: "an audience no FIC lists",
      ...{ status: 401, error: "invalid_client", code: 700212 },
      text: new RegExp(`${mismatch} audience 'api://other'`),
      send: async () => exchange(await issuer.mint(claims({ aud: ["api://other"] }))),
    },
    {
      name: "a subject no FIC names",
      ...{ status: 401, error: "invalid_client", code: 700213 },
      text: new RegExp(`${mismatch} subject 'repo:contoso/app:environment:staging'`),
      send: async () =>
        exchange(await issuer.mint(claims({ sub: "repo:contoso/app:environment:staging" }))),
    },
    {
      name: "a subject that differs from a FIC's only by case",
      ...{ status: 401, error: "invalid_client", code: 7002138 },
      text: /only when case is ignored/,
      send: async () =>
        exchange(await issuer.mint(claims({ sub: "repo:contoso/app:environment:dev" }))),
    },
    {
      name: "a flexible expression the claims do not satisfy",
      ...{ status: 401, error: "invalid_client", code: 700213 },
      text: new RegExp(`${mismatch} subject 'repo:contoso/api:pull_request'`),
      send: async () =>
        exchange(
          await issuer.mint(claims({ sub: "repo:contoso/api:pull_request", env: "it's" })),
          app.appId,
        ),
    },
    {
      name: "an expired assertion",
      ...{ status: 401, error: "invalid_client", code: 700024 },
      text: /Client assertion is not within its valid time range\. Current time: .*expiry time of assertion/,
      send: async () =>
        exchange(
          await issuer.mint(claims({ iat: now() - 900, nbf: now() - 900, exp: now() - 600 })),
        ),
    },
    {
      name: "an assertion not valid yet",
      ...{ status: 401, error: "invalid_client", code: 700024 },
      text: /not within its valid time range/,
      send: async () => exchange(await issuer.mint(claims({ nbf: now() + 600, exp: now() + 900 }))),
    },
    {
      name: "an ES256 signature",
      ...{ status: 401, error: "invalid_client", code: 5002738 },
      text: /Invalid JWT token\. 'ES256' is not a supported signature algorithm\./,
      send: async () => exchange(await issuer.mint(claims(), { alg: "ES256" })),
    },
    {
      name: "a token that is not a JWT",
      ...{ status: 401, error: "invalid_client", code: 50027 },
      text: /JWT token is invalid or malformed\./,
      send: () => exchange("not-a-jwt"),
    },
    {
      name: "a signature by a key the issuer does not publish",
      ...{ status: 401, error: "invalid_client", code: 50027 },
      text: /JWT token is invalid or malformed\./,
      send: async () =>
        exchange(
          await issuer.mint(claims(), {
            key: await generateSigningKey("RS256"),
            kid: issuer.currentKey().kid,
          }),
        ),
    },
    {
      name: "a kid the issuer does not publish",
      ...{ status: 401, error: "invalid_client", code: 50027 },
      text: /JWT token is invalid or malformed\./,
      send: async () => exchange(await issuer.mint(claims(), { kid: "retired" })),
    },
    {
      name: "a lifetime over 1 day 1 hour",
      ...{ status: 401, error: "invalid_client", code: 70023 },
      text: /lifetime of less than or equal to 1\.01:00:00\. Token issued at \d+\. Token expires on \d+\./,
      send: async () => exchange(await issuer.mint(claims({ exp: now() + 26 * 3600 }))),
    },
    {
      name: "an assertion without iat",
      ...{ status: 401, error: "invalid_client", code: 70023 },
      text: /Token issued at 0\./,
      send: async () => exchange(await issuer.mint(claims({ iat: undefined }))),
    },
  ];

  it.each(cases)("refuses $name with AADSTS$code", async ({ send, status, error, code, text }) => {
    const reply = await send();
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error, error_codes: [code] });
    expect(String(reply.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(String(reply.body.error_description).split("\r\n")[0]).toMatch(text);
    expect(reply.body).toHaveProperty("trace_id");
    expect(reply.body).toHaveProperty("correlation_id");
    expect(reply.body).not.toHaveProperty("access_token");
    expect(emulator.entra.exchanges.at(-1)?.outcome).toBe(`AADSTS${code}`);
  });

  it("answers AADSTS90061 when the issuer's keys cannot be read, without echoing the assertion", async () => {
    const assertion = await issuer.mint(claims());
    issuer.failWith(503);
    try {
      const reply = await exchange(assertion);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: "invalid_request", error_codes: [90061] });
      expect(String(reply.body.error_description)).toMatch(
        /^AADSTS90061: Request to External OIDC endpoint failed\.\r\n/,
      );
      expect(reply.text).not.toContain(assertion.split(".")[2]);
    } finally {
      issuer.failWith(null);
    }
  });

  it("fetches no keys of an issuer no FIC trusts", async () => {
    const before = issuer.requestCount();
    const reply = await exchange(await issuer.mint(claims({ iss: "https://untrusted.example" })));
    expect(reply.body).toMatchObject({ error_codes: [700211] });
    expect(issuer.requestCount()).toBe(before);
  });
});
