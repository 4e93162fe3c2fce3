// Shared set-up of the Azure exchanger's tests: the emulator (ARM, Graph and
// Entra on one https origin with a CA made for the run), a real OIDC issuer
// whose keys are generated per run, a managed identity trusting it, and
// requests shaped as the try-exchange use-case builds them.
import { AzureLogger, setLogLevel } from "@azure/logger";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { createAzureExchanger } from "@/lib/clouds/azure/adapter/exchange";
import type { ExchangeOutcome, ExchangeRequest } from "@/lib/clouds/exchange-types";
import { SecretValue } from "@/lib/secrets/secret-value";
import { EMULATED_CREDENTIAL_MARKER } from "@/test/emulators/azure/entra-assertion-token";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";
import { startOidcIssuer, type OidcIssuer } from "@/test/support/oidc-issuer";

export const TENANT = "00000000-0000-4000-8000-00000000a0a0";
export const SUB = "00000000-0000-4000-8000-000000000001";
export const RG = "rg-exchange";
export const AUDIENCE = "api://AzureADTokenExchange";
export const SUBJECT = "repo:contoso/app:environment:prod";

export let emulator: AzureEmulator;
export let issuer: OidcIssuer;
export const waits: number[] = [];
export const exchanger = createAzureExchanger({
  retryPolicy: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5_000 },
  sleep: (ms) => {
    waits.push(ms);
    return Promise.resolve();
  },
});

export const now = () => Math.floor(Date.now() / 1000);
export const mint = (
  claims: Record<string, unknown> = {},
  options?: Parameters<OidcIssuer["mint"]>[1],
) =>
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

export function connection(overrides: Partial<ConnectionOf<"azure">> = {}): ConnectionOf<"azure"> {
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

export type Uami = { clientId: string; principalId: string; name: string };
export function identity(name: string, subjects: string[] = [SUBJECT]): Uami {
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

export function uamiRequest(
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
export function expectNoSecrets(outcome: ExchangeOutcome, token: string) {
  for (const text of [JSON.stringify(outcome), String(outcome)]) {
    expect(text).not.toContain(EMULATED_CREDENTIAL_MARKER);
    expect(text).not.toContain(token);
    if (token.includes(".")) expect(text).not.toContain(token.split(".")[2]);
    for (const record of emulator.entra.exchanges)
      if (record.credential) expect(text).not.toContain(record.credential);
  }
}

export let prod: Uami;
export const sdkLog: string[] = [];
/** One emulator, one test issuer and one seeded identity for the test file that calls it. */
export function setUpExchangeFixture() {
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
}
