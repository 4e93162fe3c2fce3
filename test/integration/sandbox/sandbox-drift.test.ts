import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import type { TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { allowEmulatorEndpoints } from "@/lib/sandbox/allow-emulator-endpoints";
import { awsDrifted, awsUnmanaged } from "@/lib/sandbox/aws-estate";
import { azureDrifted, azureUnmanaged } from "@/lib/sandbox/azure-estate";
import { gcpDrifted } from "@/lib/sandbox/gcp-estate";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import { runDriftJob } from "@/lib/sync/drift/run-drift-job";
import { testKeyring } from "./sandbox-support";

// What "Check now" shows a new user on the sandbox, through the real drift
// job, adapters and SDKs: the demo in sync except the few objects the
// sandbox changed; then each state again after a change to the emulator.

let sandbox: Sandbox;

beforeAll(async () => {
  const keyring = await testKeyring();
  await seedDemo();
  sandbox = await startSandbox({ keyring });
  allowEmulatorEndpoints(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

async function checkAll(): Promise<void> {
  const targets = await getDb().cloudTarget.findMany({
    where: { connectionId: { not: null } },
    select: { id: true },
  });
  for (const { id } of targets) await runDriftJob({ targetId: id, reason: "manual" });
}

async function states(): Promise<Record<string, string>> {
  const rows = await getDb().binding.findMany({
    where: { target: { connectionId: { not: null } } },
    select: { name: true, syncState: true, target: { select: { name: true } } },
  });
  return Object.fromEntries(rows.map((row) => [`${row.target.name}/${row.name}`, row.syncState]));
}

const targetDrift = async (name: string) =>
  (await getDb().cloudTarget.findUniqueOrThrow({ where: { name }, select: { drift: true } }))
    .drift as { unmanaged: { key: string }[]; foreign: { key: string }[] };

describe("drift on the sandbox", () => {
  it("finds the demo in sync but for the drifted subject and the two removed trusts", async () => {
    await checkAll();
    const all = await states();
    const expected = Object.fromEntries(Object.keys(all).map((key) => [key, "in_sync"]));
    expected[`uami-payments-prod/${azureDrifted.fic}`] = "drifted";
    expected[`aws-tfc-network/${awsDrifted.removedSid}`] = "missing";
    expected[`${gcpDrifted.target}/${gcpDrifted.binding}`] = "missing";
    expect(all).toEqual(expected);
    expect(Object.keys(all).length).toBeGreaterThan(20);
  });

  it("lists the unmanaged FIC and the foreign statement", async () => {
    const payments = await targetDrift("uami-payments-prod");
    expect(payments.unmanaged.map((object) => object.key).join(" ")).toContain(
      azureUnmanaged.fic.name,
    );
    const web = await targetDrift("aws-web-deployer");
    expect(web.foreign.map((object) => object.key).join(" ")).toContain(awsUnmanaged.foreign.sid);
  });

  it("follows the emulator: a deleted FIC is missing, a refused read unknown, never missing", async () => {
    const aks = await getDb().cloudTarget.findUniqueOrThrow({
      where: { name: "uami-aks-wkldid" },
      select: { id: true, config: true },
    });
    const id = uamiResourceId(aks.config as TAzureUamiConfig);
    sandbox.azure.store.removeFic(id, "aks-data-ingest-worker");
    await runDriftJob({ targetId: aks.id, reason: "manual" });
    expect((await states())["uami-aks-wkldid/aks-data-ingest-worker"]).toBe("missing");
    expect((await states())["uami-aks-wkldid/aks-wkldid-sawkldid"]).toBe("in_sync");
    sandbox.azure.faults.add({ kind: "forbidden" }, { pathIncludes: id });
    await runDriftJob({ targetId: aks.id, reason: "manual" });
    sandbox.azure.faults.clear();
    expect((await states())["uami-aks-wkldid/aks-wkldid-sawkldid"]).toBe("unknown");
  });
});
