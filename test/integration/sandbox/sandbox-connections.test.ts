import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudAdapter } from "@/lib/clouds/adapters";
import type { Cloud } from "@/lib/clouds/types";
import { openConnection } from "@/lib/connections/open-connection";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { processEnvironment, resetEnvCache } from "@/lib/env";
import { allowEmulatorEndpoints } from "@/lib/sandbox/allow-emulator-endpoints";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import { testKeyring } from "./sandbox-support";

// A Sandbox connection is an ordinary connection: openConnection validates it
// and opens its sealed secret, and the real adapter signs in to the emulator
// with it and says who Fedlens is there.

let sandbox: Sandbox;

beforeAll(async () => {
  const keyring = await testKeyring();
  delete processEnvironment().FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS;
  resetEnvCache();
  await seedDemo();
  sandbox = await startSandbox({ keyring });
});

afterAll(async () => {
  await sandbox.close();
});

const open = (cloud: Cloud) => {
  const id = sandbox.connections.ids[cloud];
  if (!id) throw new Error(`no Sandbox ${cloud} connection`);
  return openConnection(getDb(), id);
};

describe("the Sandbox connections", () => {
  it("are refused until the emulators' own ports are allowed", async () => {
    await expect(open("azure")).rejects.toMatchObject({ code: "validation_failed" });
    allowEmulatorEndpoints(sandbox);
    const connection = await open("azure");
    expect(connection.sandbox).toBe(true);
    const pem = (text: string | null) => text?.replace(/\s+/g, "");
    expect(pem(connection.caBundle)).toBe(pem(sandbox.azure.ca));
  });

  it.each<[Cloud, RegExp]>([
    ["azure", /^[0-9a-f-]{36}$/],
    ["aws", /^arn:aws:iam::123456789012:user\/fedlens$/],
    ["gcp", /^fedlens-sandbox@contoso-prod\.iam\.gserviceaccount\.com$/],
  ])(
    "%s: test connection signs in with the stored secret and says who Fedlens is",
    async (cloud, who) => {
      const result = await cloudAdapter(cloud).test(await open(cloud));
      expect(result).toMatchObject({ ok: true });
      expect(result.ok && result.principal).toMatch(who);
    },
  );
});
