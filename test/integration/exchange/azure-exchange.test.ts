// The Azure exchanger through the real @azure/identity ClientAssertionCredential
// (MSAL) against the emulated Entra token endpoint over https, trusting the
// emulator's per-run CA through the connection: what a success reports, each
// documented refusal mapped to a cause and a fix, and that neither the pasted
// token nor the minted credential ends up anywhere in the outcome.
import { createHash } from "node:crypto";
import { AzureLogger, setLogLevel } from "@azure/logger";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { createAzureExchanger } from "@/lib/clouds/azure/adapter/exchange";
import { exchangeTextsByCode } from "@/lib/clouds/azure/adapter/exchange-errors";
import type { ExchangeOutcome, ExchangeRequest } from "@/lib/clouds/exchange-types";
import { SecretValue } from "@/lib/secrets/secret-value";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/azure/entra-assertion-token";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";

const TENANT = "00000000-0000-4000-8000-00000000a0a0";
const SUB = "00000000-0000-4000-8000-000000000001";
const RG = "rg-exchange";
const AUDIENCE = "api://AzureADTokenExchange";
const SUBJECT = "repo:contoso/app:environment:prod";

let emulator: AzureEmulator;
let issuer: OidcIssuer;
const waits: number[] = [];
const exchanger = createAzureExchanger({
  retryPolicy: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5_000 },
  sleep: (ms) => {
    waits.push(ms);
    return Promise.resolve();
  },
});

const now = () => Math.floor(Date.now() / 1000);
const mint = (claims: Record<string, unknown> = {}, options?: Parameters<OidcIssuer["mint"]>[1]) =>
  issuer.mint(
    {
      iss: issuer.issuerUrl,
      sub: SUBJECT,
      aud: AUDIENCE,
      iat: now() - 5,
      exp: now() + 300,
      jti: crypto.randomUUID(),
      ...claims,
    },
    options,
  );

function connection(overrides: Partial<ConnectionOf<"azure">> = {}): ConnectionOf<"azure"> {
  return {
    id: "c-exchange",
    name: "Emulated Azure",
    sandbox: false,
    cloud: "azure",
    auth: { kind: "ambient" },
    endpoints: {
      azureResourceManager: emulator.endpoint,
      azureAuthorityHost: emulator.endpoint,
      azureGraph: emulator.endpoint,
    },
    caBundle: emulator.ca,
    scope: {
      tenantId: TENANT,
      subscriptionIds: [SUB],
      resourceGroups: [],
      applicationObjectIds: [],
    },
    ...overrides,
  };
}

type Uami = { clientId: string; principalId: string; name: string };
function identity(name: string, subjects: string[] = [SUBJECT]): Uami {
  const id = emulator.store.addIdentity(SUB, RG, name, { tenantId: TENANT });
  subjects.forEach((subject, i) =>
    emulator.store.seedFic(id, {
      name: `fic-${i}`,
      properties: { issuer: issuer.issuerUrl, subject, audiences: [AUDIENCE] },
    }),
  );
  const stored = emulator.store.identity(id)!;
  return { name, clientId: stored.clientId, principalId: stored.principalId };
}

function uamiRequest(
  token: string,
  uami: Pick<Uami, "clientId" | "name">,
  options: { subject?: string; tenantId?: string; connection?: ConnectionOf<"azure"> | null } = {},
): ExchangeRequest {
  const config = {
    tenantId: options.tenantId ?? TENANT,
    subscriptionId: SUB,
    resourceGroup: RG,
    identityName: uami.name,
    clientId: uami.clientId,
    principalId: crypto.randomUUID(),
  };
  const spec = {
    cloud: "azure",
    name: "deploy",
    issuer: issuer.issuerUrl,
    audiences: [AUDIENCE],
    subject: options.subject ?? SUBJECT,
  };
  return {
    token: new SecretValue(token),
    target: {
      kind: "azure-uami",
      config,
      externalId: `/subscriptions/${SUB}/resourcegroups/${RG}/providers/microsoft.managedidentity/userassignedidentities/${uami.name}`,
      bindings: [{ name: "deploy", spec }],
    },
    binding: { name: "deploy", spec },
    connection: options.connection === undefined ? connection() : options.connection,
  };
}

/** Neither the pasted token (nor its signature) nor the minted credential is anywhere in the outcome. */
function expectNoSecrets(outcome: ExchangeOutcome, token: string) {
  for (const text of [JSON.stringify(outcome), String(outcome)]) {
    expect(text).not.toContain(EMULATED_CREDENTIAL_MARKER);
    expect(text).not.toContain(token);
    if (token.includes(".")) expect(text).not.toContain(token.split(".")[2]);
    for (const record of emulator.entra.exchanges)
      if (record.credential) expect(text).not.toContain(record.credential);
  }
}

let prod: Uami;
const sdkLog: string[] = [];
beforeAll(async () => {
  emulator = await startAzureEmulator();
  issuer = await startOidcIssuer({ algs: ["RS256", "ES256"] });
  prod = identity("id-prod");
  // Every line the SDK logs, to prove neither token nor credential is in one.
  setLogLevel("verbose");
  AzureLogger.log = (...args: unknown[]) => sdkLog.push(args.map(String).join(" "));
});
afterAll(async () => {
  setLogLevel("error");
  await emulator.close();
  await issuer.stop();
});
afterEach(() => {
  emulator.faults.clear();
  waits.length = 0;
});

describe("Azure exchanger: success", () => {
  it("reports the identity's object id, the expiry, the scope and the credential's fingerprint", async () => {
    const token = await mint();
    const before = Date.now();
    const outcome = await exchanger.exchange(uamiRequest(token, prod));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const minted = emulator.entra.exchanges.at(-1)!;
    expect(minted.outcome).toBe("issued");
    expect(outcome.identity).toBe(prod.principalId);
    expect(outcome.grants).toEqual([`${emulator.endpoint}/.default`]);
    expect(minted.scope).toBe(`${emulator.endpoint}/.default`);
    expect(outcome.fingerprint).toBe(
      createHash("sha256").update(minted.credential!).digest("hex").slice(0, 8),
    );
    const expiresAt = Date.parse(outcome.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3_590_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(outcome.steps).toEqual([
      expect.objectContaining({ outcome: "ok", call: expect.stringContaining("Entra") }),
    ]);
    expectNoSecrets(outcome, token);
    const log = sdkLog.join("\n");
    expect(log).not.toContain(token);
    expect(log).not.toContain(EMULATED_CREDENTIAL_MARKER);
  });

  it("exchanges for an app registration with its app id and reports its service principal", async () => {
    const objectId = emulator.graph.addApplication();
    const appId = emulator.graph.application(objectId)!.appId;
    emulator.graph.seedFic(objectId, {
      name: "prod",
      properties: { issuer: issuer.issuerUrl, subject: SUBJECT, audiences: [AUDIENCE] },
    });
    const token = await mint();
    const request = uamiRequest(token, prod);
    const outcome = await exchanger.exchange({
      ...request,
      target: {
        ...request.target,
        kind: "azure-app",
        config: { tenantId: TENANT, applicationObjectId: objectId, clientId: appId },
        externalId: `/tenants/${TENANT}/applications/${objectId}`,
      },
    });
    expect(outcome).toMatchObject({
      ok: true,
      identity: emulator.entra.servicePrincipalOf(TENANT, appId),
    });
    expect(emulator.entra.exchanges.at(-1)).toMatchObject({ clientId: appId, outcome: "issued" });
  });

  it("asks for the scope the exchanger was set up with", async () => {
    const scoped = createAzureExchanger({ scope: "https://storage.azure.com/.default" });
    const outcome = await scoped.exchange(uamiRequest(await mint(), prod));
    expect(outcome).toMatchObject({ ok: true, grants: ["https://storage.azure.com/.default"] });
    expect(emulator.entra.exchanges.at(-1)?.scope).toBe("https://storage.azure.com/.default");
  });

  it("waits out Entra's throttling and tries again", async () => {
    emulator.faults.add(
      { kind: "status", status: 429, retryAfterSeconds: 2 },
      { pathIncludes: "/oauth2/v2.0/token" },
      1,
    );
    const outcome = await exchanger.exchange(uamiRequest(await mint(), prod));
    expect(outcome.ok).toBe(true);
    expect(waits).toEqual([2000]);
    expect(outcome.steps.map((step) => step.outcome)).toEqual(["failed", "ok"]);
  });
});

describe("Azure exchanger: refusals", () => {
  type Case = { code: string; request: () => Promise<ExchangeRequest>; says: RegExp };
  const cases: Case[] = [
    {
      code: "AADSTS700016",
      request: async () => uamiRequest(await mint(), { ...prod, clientId: crypto.randomUUID() }),
      says: /was not found in the directory/,
    },
    {
      code: "AADSTS90002",
      request: async () =>
        uamiRequest(await mint(), prod, { tenantId: "00000000-0000-4000-8000-00000000dead" }),
      says: /Tenant '00000000-0000-4000-8000-00000000dead' not found/,
    },
    {
      code: "AADSTS70025",
      request: async () => uamiRequest(await mint(), identity("id-bare", [])),
      says: /has no configured federated identity credentials/,
    },
    {
      code: "AADSTS700211",
      request: async () => uamiRequest(await mint({ iss: `${issuer.issuerUrl}/` }), prod),
      says: /presented assertion issuer 'http:\/\/127\.0\.0\.1:\d+\/'/,
    },
    {
      code: "AADSTS700212",
      request: async () => uamiRequest(await mint({ aud: "api://somewhere-else" }), prod),
      says: /presented assertion audience 'api:\/\/somewhere-else'/,
    },
    {
      code: "AADSTS7002138",
      request: async () => uamiRequest(await mint({ sub: SUBJECT.toUpperCase() }), prod),
      says: /only when case is ignored/,
    },
    {
      code: "AADSTS700024",
      request: async () =>
        uamiRequest(await mint({ iat: now() - 900, nbf: now() - 900, exp: now() - 600 }), prod),
      says: /not within its valid time range/,
    },
    {
      code: "AADSTS70023",
      request: async () => uamiRequest(await mint({ exp: now() + 30 * 3600 }), prod),
      says: /lifetime of less than or equal to 1\.01:00:00/,
    },
    {
      code: "AADSTS5002738",
      request: async () => uamiRequest(await mint({}, { alg: "ES256" }), prod),
      says: /'ES256' is not a supported signature algorithm/,
    },
    {
      code: "AADSTS50027",
      request: async () => uamiRequest(await mint({}, { kid: "retired-key" }), prod),
      says: /JWT token is invalid or malformed/,
    },
  ];

  it.each(cases)(
    "maps $code to Entra's first line, a cause and a fix",
    async ({ code, request, says }) => {
      const sent = await request();
      const outcome = await exchanger.exchange(sent);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const text = exchangeTextsByCode[code]!;
      expect(outcome.error).toMatchObject({ code, cause: text.cause, fix: text.fix });
      expect(outcome.error.message).toMatch(new RegExp(`^${code}: `));
      expect(outcome.error.message).toMatch(says);
      expect(outcome.error.message).not.toMatch(/Trace ID|Correlation ID|[\r\n]/);
      // A refusal is never retried.
      expect(outcome.steps).toHaveLength(1);
      expect(waits).toEqual([]);
      expectNoSecrets(outcome, sent.token.reveal());
    },
  );

  it("names the subject when the trust in Azure changed behind the catalogue", async () => {
    // The catalogue's binding says the prod environment; someone re-pointed
    // the credential in Azure to the staging one.
    const drifted = identity("id-drifted", ["repo:contoso/app:environment:staging"]);
    const token = await mint({ sub: SUBJECT });
    const outcome = await exchanger.exchange(uamiRequest(token, drifted, { subject: SUBJECT }));
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: "AADSTS700213",
        kind: "denied",
        cause: exchangeTextsByCode.AADSTS700213!.cause,
      },
    });
    if (outcome.ok) return;
    expect(outcome.error.message).toContain(`subject '${SUBJECT}'`);
    expectNoSecrets(outcome, token);
  });

  it("reports AADSTS90061 when Entra cannot read the issuer's keys", async () => {
    const token = await mint();
    issuer.failWith(503);
    try {
      const outcome = await exchanger.exchange(uamiRequest(token, prod));
      expect(outcome).toMatchObject({
        ok: false,
        error: {
          code: "AADSTS90061",
          message: "AADSTS90061: Request to External OIDC endpoint failed.",
        },
      });
      expect(outcome.steps).toHaveLength(1);
    } finally {
      issuer.failWith(null);
    }
  });

  it("gives up on an Entra that keeps failing, as unavailable, after the retry budget", async () => {
    emulator.faults.add({ kind: "status", status: 503 }, { pathIncludes: "/oauth2/v2.0/token" });
    const outcome = await exchanger.exchange(uamiRequest(await mint(), prod));
    expect(outcome).toMatchObject({ ok: false, error: { kind: "unavailable", status: 503 } });
    expect(outcome.steps.map((step) => step.outcome)).toEqual(["failed", "failed", "failed"]);
  });

  it("does not trust the emulator's certificate without the connection's CA", async () => {
    const outcome = await exchanger.exchange(
      uamiRequest(await mint(), prod, { connection: connection({ caBundle: null }) }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.cause).toMatch(/does not trust the TLS certificate/);
  });

  it("keeps a token that is not a JWT out of the error", async () => {
    const token = `not-a-jwt-${crypto.randomUUID()}`;
    const outcome = await exchanger.exchange(uamiRequest(token, prod));
    expect(outcome).toMatchObject({ ok: false, error: { code: "AADSTS50027" } });
    expectNoSecrets(outcome, token);
  });

  it("refuses a target that names no Azure identity without calling Entra", async () => {
    const before = emulator.entra.exchanges.length;
    const request = uamiRequest(await mint(), prod);
    const outcome = await exchanger.exchange({
      ...request,
      target: { ...request.target, config: { tenantId: TENANT } },
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "FedlensInvalidTarget" },
      steps: [],
    });
    expect(emulator.entra.exchanges.length).toBe(before);
  });
});
