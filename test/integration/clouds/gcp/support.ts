import { afterAll, beforeAll, beforeEach } from "vitest";
import type { ConnectionOf } from "@/lib/clouds/adapter-types";
import { SecretValue } from "@/lib/secrets/secret-value";
import { startGcpEmulator, type GcpEmulator } from "@/test/emulators/gcp/server";
import { createServiceAccountKey } from "@/test/emulators/gcp/service-account-key";

export const PROJECT = {
  projectId: "fedlens-test",
  projectNumber: "123456789012",
  displayName: "Fedlens test",
};
export const READER = `fedlens-reader@${PROJECT.projectId}.iam.gserviceaccount.com`;

/** A GCP connection to the emulator, signed in with a key JSON (registered or not). */
export function keyConnection(emulator: GcpEmulator, keyJson: string): ConnectionOf<"gcp"> {
  return {
    id: "conn-gcp",
    name: "GCP emulator",
    cloud: "gcp",
    sandbox: false,
    scope: { projectId: PROJECT.projectId, projectNumber: PROJECT.projectNumber },
    auth: {
      kind: "secret",
      secret: { kind: "gcp-service-account-key", keyJson: new SecretValue(keyJson) },
    },
    endpoints: { gcpRootUrl: emulator.rootUrl, gcpTokenUrl: emulator.tokenUrl },
    caBundle: emulator.ca,
  };
}

/** One emulator per file; state and faults are cleared before each test. */
export function setUpGcpEmulator() {
  const fx = {} as { emulator: GcpEmulator; keyJson: string; connection: ConnectionOf<"gcp"> };
  beforeAll(async () => {
    fx.emulator = await startGcpEmulator({ projects: [PROJECT], maxPageSize: 2 });
    fx.keyJson = createServiceAccountKey(fx.emulator, READER);
    fx.connection = keyConnection(fx.emulator, fx.keyJson);
  });
  beforeEach(() => {
    const { state } = fx.emulator;
    fx.emulator.faults.clear();
    fx.emulator.requests.length = 0;
    state.pools.clear();
    state.providers.clear();
    state.policies.clear();
    state.serviceAccounts.clear();
    state.seedServiceAccount(PROJECT.projectId, "fedlens-reader");
  });
  afterAll(async () => {
    await fx.emulator?.close();
  });
  return fx;
}
