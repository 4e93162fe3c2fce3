// Try exchange end to end for Azure (issue 14, "Done when"): an azure-uami
// target on a stored connection to the Azure emulator (https, per-run CA), a
// catalogued issuer, POST /api/v1/exchange, the real Azure exchanger
// (ClientAssertionCredential), the emulated Entra token endpoint. Then the
// credential is searched for in a pg_dump, the log, the SDK's log and every
// response body.
import { AzureLogger, setLogLevel } from "@azure/logger";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exchangeTextsByCode } from "@/lib/clouds/azure/adapter/exchange-errors";
import type { TIssuer } from "@/lib/schemas/issuer";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import {
  azureSpec,
  createTestBinding,
  createTestWorkload,
  uniqueSuffix,
} from "@/test/factories/catalog";
import { catalogueIssuer } from "@/test/integration/diagnose/support";
import {
  azureConnection,
  RG,
  startAzure,
  SUB,
  TENANT,
  type AzureBase,
} from "@/test/integration/sync/drift-worlds";
import { addConnection, addTarget, onlyBindingState } from "@/test/integration/sync/sync-support";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";
import {
  EMULATED_CREDENTIAL_MARKER,
  describeNoTrace,
  describeWhoAndHowOften,
  exchangeApi,
  fingerprintOf,
  newOperator,
  routeIssuerFetches,
  setUpThroughEnvironment,
  storedAttempt,
  uniqueRepo,
} from "./through-support";

// Every line the shared pino logger writes while this file runs.
const logLines = await vi.hoisted(async () => {
  const lines: string[] = [];
  const { createLogger } = await import("@/lib/log/create-logger");
  const stream = { write: (line: string) => void lines.push(line) };
  (globalThis as { fedlensLogger?: unknown }).fedlensLogger = createLogger("trace", stream);
  return lines;
});

/** An https issuer (the catalogue takes no other); Entra's emulator reaches it on loopback. */
const ISSUER_NAME = "https://issuer-azure.fedlens.test";
const AUDIENCE = "api://AzureADTokenExchange";

const env = setUpThroughEnvironment();
const fetches = routeIssuerFetches();
const api = exchangeApi();
const tokens: string[] = [];
/** Every line @azure/identity and MSAL log while this file runs. */
const sdkLog: string[] = [];

let base: AzureBase;
let oidc: OidcIssuer;
let issuer: TIssuer;
let connectionId: string;

beforeAll(async () => {
  oidc = await startOidcIssuer({ issuerUrl: ISSUER_NAME });
  fetches.route(ISSUER_NAME, oidc.origin);
  base = await startAzure();
  issuer = await catalogueIssuer(oidc, { issuerUrl: ISSUER_NAME });
  connectionId = (await addConnection(env.admin(), azureConnection(base))).id;
  setLogLevel("verbose");
  AzureLogger.log = (...args: unknown[]) => void sdkLog.push(args.map(String).join(" "));
});
afterAll(async () => {
  setLogLevel("error");
  await base?.emulator.close();
  await oidc?.stop();
});

/** A user-assigned identity with a credential for the subject, and its rows in the catalogue. */
async function catalogued() {
  const repo = uniqueRepo();
  const subject = `repo:contoso/${repo}:environment:prod`;
  const identityName = `id-${uniqueSuffix()}`;
  const ficName = `fic-${uniqueSuffix()}`;
  const { store } = base.emulator;
  const identityId = store.addIdentity(SUB, RG, identityName, { tenantId: TENANT });
  store.seedFic(identityId, {
    name: ficName,
    properties: { issuer: ISSUER_NAME, subject, audiences: [AUDIENCE] },
  });
  const stored = store.identity(identityId)!;
  const target = await addTarget(
    env.admin(),
    "azure-uami",
    {
      tenantId: TENANT,
      subscriptionId: SUB,
      resourceGroup: RG,
      identityName,
      clientId: stored.clientId,
      principalId: stored.principalId,
    },
    connectionId,
  );
  const workload = await createTestWorkload({ issuer, subjectSpec: { kind: "free", subject } });
  const binding = await createTestBinding({
    workload,
    target,
    spec: azureSpec(workload, { name: ficName }),
  });
  const fic = () => store.fics(identityId).find((f) => f.name === ficName)!;
  return { binding, targetId: target.id, subject, clientId: stored.clientId, stored, fic };
}

type Catalogued = Awaited<ReturnType<typeof catalogued>>;

async function mint(world: Catalogued, claims: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  const token = await oidc.mint({
    iss: ISSUER_NAME,
    sub: world.subject,
    aud: AUDIENCE,
    iat: now - 5,
    exp: now + 300,
    jti: crypto.randomUUID(),
    ...claims,
  });
  tokens.push(token);
  return token;
}

/** Entra's federated exchanges for the identity. */
const exchangesFor = (world: Catalogued) =>
  base.emulator.entra.exchanges.filter(
    (record) => record.clientId.toLowerCase() === world.clientId.toLowerCase(),
  );

const exchange = async (token: string, bindingId: string) =>
  api.exchange(await newOperator(), token, bindingId);

describe("try exchange on an Azure managed identity, end to end", () => {
  it("obtains a token for the identity and stores only its fingerprint", async () => {
    const world = await catalogued();
    const started = Date.now();
    const attempt = await exchange(await mint(world), world.binding.id);
    const finished = Date.now();

    const [record, ...more] = exchangesFor(world);
    expect(more).toEqual([]);
    expect(record).toMatchObject({ tenant: TENANT, outcome: "issued" });
    expect(record!.credential).toContain(EMULATED_CREDENTIAL_MARKER);
    expect(attempt).toMatchObject({
      status: "succeeded",
      cloud: "azure",
      bindingId: world.binding.id,
      identity: world.stored.principalId,
      grants: [record!.scope],
      fingerprint: fingerprintOf(record!.credential!),
      error: null,
      agreement: "agree",
      reasons: [],
      prediction: { accepted: true, undecided: false, signature: "valid", failingCheck: null },
      claims: { iss: ISSUER_NAME, sub: world.subject, aud: AUDIENCE },
    });
    const expires = Date.parse(attempt.expiresAt!);
    expect(expires).toBeGreaterThanOrEqual(started + 3_590_000);
    expect(expires).toBeLessThanOrEqual(finished + 3_600_000);

    const history = await api.history(await newOperator(), world.binding.id);
    expect(history.map((a) => [a.id, a.fingerprint])).toEqual([[attempt.id, attempt.fingerprint]]);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    {
      name: "an issuer the credential does not name",
      claims: { iss: `${ISSUER_NAME}/` },
      code: "AADSTS700211",
      says: /presented assertion issuer 'https:\/\/issuer-azure\.fedlens\.test\/'/,
    },
    {
      name: "an audience the credential does not list",
      claims: { aud: "api://somewhere-else" },
      code: "AADSTS700212",
      says: /presented assertion audience 'api:\/\/somewhere-else'/,
    },
    {
      name: "a subject the credential does not name",
      claims: { sub: "repo:contoso/other:environment:prod" },
      code: "AADSTS700213",
      says: /subject 'repo:contoso\/other:environment:prod'/,
    },
    {
      name: "an expired token",
      claims: { iat: now() - 900, nbf: now() - 900, exp: now() - 600 },
      code: "AADSTS700024",
      says: /not within its valid time range/,
    },
  ])("refuses $name with $code, its cause and fix stored, as predicted", async (row) => {
    const world = await catalogued();
    const attempt = await exchange(await mint(world, row.claims), world.binding.id);

    expect(exchangesFor(world).map((record) => record.outcome)).toEqual([row.code]);
    expect(attempt).toMatchObject({
      status: "failed",
      identity: null,
      fingerprint: null,
      agreement: "agree",
      prediction: {
        accepted: false,
        undecided: false,
        failingCheck: { check: expect.any(String) },
      },

      error: { code: row.code },
    });
    const stored = await storedAttempt(attempt.id);
    expect(stored.cloudCode).toBe(row.code);
    expect(stored.error).toMatchObject({
      cause: exchangeTextsByCode[row.code]!.cause,
      fix: exchangeTextsByCode[row.code]!.fix,
    });
    expect((stored.error as { message: string }).message).toMatch(row.says);
    expect(attempt.error).toEqual(stored.error);
  });

  it("flags a credential changed in Azure behind the catalogue: predicted accepted, refused, with drift, propagation and policy as reasons", async () => {
    const world = await catalogued();
    // Someone re-pointed the credential to the staging environment in Azure; a drift check saw it.
    world.fic().properties.subject = world.subject.replace(":prod", ":staging");
    await runDriftJob({ targetId: world.targetId, reason: "manual" });
    expect((await onlyBindingState(world.targetId)).syncState).toBe("drifted");

    const attempt = await exchange(await mint(world), world.binding.id);

    expect(exchangesFor(world).map((record) => record.outcome)).toEqual(["AADSTS700213"]);
    expect(attempt).toMatchObject({
      status: "failed",
      agreement: "disagree",
      prediction: { accepted: true, failingCheck: null },
      error: { code: "AADSTS700213", cause: exchangeTextsByCode.AADSTS700213!.cause },
    });
    const reasons = attempt.reasons!.join("\n");
    expect(reasons).toMatch(/written 0 minutes ago/);
    expect(reasons).toMatch(/last drift check found the cloud's trust different/);
    expect(reasons).toMatch(/Conditional Access/);
  });
});

describeWhoAndHowOften(
  {
    endpoint: "Entra",
    issuerPrefix: () => ISSUER_NAME,
    async catalogued() {
      const world = await catalogued();
      return {
        bindingId: world.binding.id,
        mint: () => mint(world),
        calls: () => exchangesFor(world).length,
      };
    },
  },
  api,
  fetches,
);

describeNoTrace(api, {
  tokens,
  credentials: () =>
    base.emulator.entra.exchanges.flatMap((r) => (r.credential ? [r.credential] : [])),
  // The SDK did log the exchanges (so searching its log is not vacuous).
  logs: () => {
    expect(sdkLog.join("\n")).toContain("acquireTokenByClientCredential");
    return { log: logLines.join("\n"), sdkLog: sdkLog.join("\n") };
  },
});
