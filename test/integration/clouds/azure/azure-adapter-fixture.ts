// Shared set-up for the Azure adapter's tests: one emulator per file (ARM,
// Graph and Entra's token endpoint on one https origin with a CA made for the
// run), a client secret registered in its tenant, and connections that reach
// it through the real SDK clients.
import { afterAll, afterEach, beforeAll } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { createAzureAdapter } from "@/lib/clouds/azure/adapter";
import { SecretValue } from "@/lib/secrets/secret-value";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";

export const TENANT = "00000000-0000-4000-8000-00000000a0a0";
export const SUB = "00000000-0000-4000-8000-000000000001";
export const RG = "rg-fedlens";
export const ISSUER = "https://token.actions.githubusercontent.com";
export const AUDIENCES = ["api://AzureADTokenExchange"];

export type AdapterFixture = {
  emulator: AzureEmulator;
  clientId: string;
  secret: string;
  /** Object id of the client's service principal, as Entra's tokens carry it. */
  principalObjectId: string;
  /** Waits the adapter asked for, instead of sleeping (retries under test). */
  waits: number[];
  adapter: ReturnType<typeof createAzureAdapter>;
  connection(overrides?: {
    secret?: string;
    clientId?: string;
    tenantId?: string;
    scope?: Partial<ConnectionOf<"azure">["scope"]>;
  }): ConnectionOf<"azure">;
  identity(name: string, resourceGroup?: string): string;
  seed(identityPath: string, count: number, prefix?: string): void;
  requestsTo(pathEnd: string): number;
};

export function setUpAdapterFixture(pageSize = 3): AdapterFixture {
  const fx = {
    waits: [] as number[],
    secret: `s-${crypto.randomUUID()}`,
    clientId: crypto.randomUUID(),
  } as AdapterFixture;
  fx.adapter = createAzureAdapter({
    sleep: (ms) => {
      fx.waits.push(ms);
      return Promise.resolve();
    },
  });
  fx.connection = (overrides = {}) => ({
    id: "c1",
    name: "Emulated Azure",
    sandbox: false,
    cloud: "azure",
    auth: {
      kind: "secret",
      secret: {
        kind: "azure-client-secret",
        clientId: overrides.clientId ?? fx.clientId,
        clientSecret: new SecretValue(overrides.secret ?? fx.secret),
      },
    },
    endpoints: {
      azureResourceManager: fx.emulator.endpoint,
      azureAuthorityHost: fx.emulator.endpoint,
      azureGraph: fx.emulator.endpoint,
    },
    caBundle: fx.emulator.ca,
    scope: {
      tenantId: overrides.tenantId ?? TENANT,
      subscriptionIds: [SUB],
      resourceGroups: [],
      applicationObjectIds: [],
      ...overrides.scope,
    },
  });
  fx.identity = (name, resourceGroup = RG) =>
    fx.emulator.store.addIdentity(SUB, resourceGroup, name, { tenantId: TENANT });
  fx.seed = (identityPath, count, prefix = "fic") => {
    for (let i = 0; i < count; i += 1) {
      fx.emulator.store.seedFic(identityPath, {
        name: `${prefix}-${i}`,
        properties: {
          issuer: ISSUER,
          subject: `repo:o/r:environment:${prefix}-${i}`,
          audiences: AUDIENCES,
        },
      });
    }
  };
  fx.requestsTo = (pathEnd) =>
    fx.emulator.requests.filter((r) => r.path.toLowerCase().endsWith(pathEnd.toLowerCase())).length;
  beforeAll(async () => {
    fx.emulator = await startAzureEmulator({ pageSize });
    const client = fx.emulator.entra.addClient({
      tenantId: TENANT,
      clientId: fx.clientId,
      secret: fx.secret,
    });
    fx.principalObjectId = client.principalObjectId;
  });
  afterAll(() => fx.emulator.close());
  afterEach(() => {
    fx.emulator.faults.clear();
    fx.waits.length = 0;
  });
  return fx;
}
