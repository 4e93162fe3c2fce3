// Shared set-up for the tests that drive the Azure emulator with the real SDK.
import type { TokenCredential } from "@azure/core-auth";
import { RestError } from "@azure/core-rest-pipeline";
import { ManagedServiceIdentityClient } from "@azure/arm-msi";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { startAzureEmulator, type AzureEmulator } from "@/test/emulators/azure/server";

export const SUB = "00000000-0000-4000-8000-000000000001";
export const RG = "rg-fedlens";
export const ISSUER = "https://token.actions.githubusercontent.com";
export const AUDIENCES = ["api://AzureADTokenExchange"];

/** A credential that hands out a fixed token, standing in for Entra's token endpoint. */
export const tokenCredential = (token: string): TokenCredential => ({
  getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

export async function restError(promise: Promise<unknown>): Promise<RestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RestError);
  return error as RestError;
}

export type MsiFixture = {
  emulator: AzureEmulator;
  /** ARM id of the identity the last newIdentity() made. */
  identityPath: string;
  newIdentity(): string;
  msiClient(token?: string): ManagedServiceIdentityClient;
  seed(count: number, prefix?: string): void;
};

/** Starts one emulator for the file, clears injected faults after each test. */
export function setUpMsiFixture(pageSize = 5): MsiFixture {
  let n = 0;
  const fx = {
    identityPath: "",
    newIdentity() {
      n += 1;
      fx.identityPath = fx.emulator.store.addIdentity(SUB, RG, `id-${n}`);
      return `id-${n}`;
    },
    msiClient(token?: string) {
      return new ManagedServiceIdentityClient(tokenCredential(token ?? fx.emulator.token), SUB, {
        endpoint: fx.emulator.endpoint,
        $host: fx.emulator.endpoint,
        credentialScopes: ["https://management.azure.com/.default"],
        tlsOptions: { ca: fx.emulator.ca },
        retryOptions: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
      });
    },
    seed(count: number, prefix = "fic") {
      for (let i = 0; i < count; i += 1) {
        fx.emulator.store.seedFic(fx.identityPath, {
          name: `${prefix}-${i}`,
          properties: {
            issuer: ISSUER,
            subject: `repo:o/r:environment:${prefix}-${i}`,
            audiences: AUDIENCES,
          },
        });
      }
    },
  } as MsiFixture;
  beforeAll(async () => {
    fx.emulator = await startAzureEmulator({ pageSize });
  });
  afterAll(() => fx.emulator.close());
  afterEach(() => fx.emulator.faults.clear());
  return fx;
}
