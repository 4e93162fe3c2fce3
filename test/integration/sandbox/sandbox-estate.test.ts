import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdapterConnection, TargetRead } from "@/lib/clouds/adapter-types";
import { cloudAdapter } from "@/lib/clouds/adapters";
import { targetKindInfo } from "@/lib/clouds/registry";
import { openConnection } from "@/lib/connections/open-connection";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import { allowEmulatorEndpoints } from "@/lib/sandbox/allow-emulator-endpoints";
import { awsDrifted, awsUnmanaged } from "@/lib/sandbox/aws-estate";
import { azureDrifted, azureUnmanaged } from "@/lib/sandbox/azure-estate";
import { readDemoEstate, type EstateTarget } from "@/lib/sandbox/demo-estate";
import { gcpDrifted, gcpUnmanaged } from "@/lib/sandbox/gcp-estate";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import { testKeyring } from "./sandbox-support";

// What a new user meets, read through the real adapters and SDKs: every demo
// binding the sandbox leaves alone reads back exactly as the catalogue shows
// it (in sync), and the few it changes read back changed (drifted, missing,
// unmanaged, foreign).

let sandbox: Sandbox;
let estate: EstateTarget[];
const reads = new Map<string, TargetRead>();

async function connectionOf(target: EstateTarget): Promise<AdapterConnection | null> {
  return target.connectionId ? openConnection(getDb(), target.connectionId) : null;
}

beforeAll(async () => {
  const keyring = await testKeyring();
  await seedDemo();
  sandbox = await startSandbox({ keyring });
  allowEmulatorEndpoints(sandbox);
  estate = await readDemoEstate(getDb());
  for (const target of estate) {
    const connection = await connectionOf(target);
    if (!connection) continue;
    const info = targetKindInfo(target.kind);
    const config = info.configSchema.parse(target.config);
    reads.set(
      target.name,
      await cloudAdapter(target.cloud).readTarget(connection, {
        kind: target.kind,
        config,
        externalId: info.identity(config).externalId,
        bindings: target.bindings.map(({ name, spec }) => ({ name, spec })),
      }),
    );
  }
}, 120_000);

afterAll(async () => {
  await sandbox.close();
});

/** The catalogue side as drift compares it (AWS leaves the siblings out of the trust policy). */
function catalogueSide(target: EstateTarget, binding: EstateTarget["bindings"][number]): unknown {
  const adapter = cloudAdapter(target.cloud);
  return adapter.comparableCloudObject
    ? adapter.comparableCloudObject(binding.spec, target.config)
    : binding.cloudObject;
}

const changed = new Set([
  `uami-payments-prod/${azureDrifted.fic}`,
  `aws-tfc-network/${awsDrifted.removedSid}`,
  `${gcpDrifted.target}/${gcpDrifted.binding}`,
]);

describe("the demo targets read through the adapters", () => {
  it("reads every linked target", () => {
    expect([...reads.keys()].sort()).toEqual(
      estate
        .filter((t) => t.connectionId)
        .map((t) => t.name)
        .sort(),
    );
    for (const [name, read] of reads)
      expect({ name, state: read.state }).toEqual({ name, state: "found" });
  });

  it("finds every binding it left alone as the catalogue shows it", () => {
    const differing: string[] = [];
    let compared = 0;
    for (const target of estate) {
      const read = reads.get(target.name);
      if (read?.state !== "found") continue;
      const adapter = cloudAdapter(target.cloud);
      const actual = new Map(read.target.bindings.map((b) => [b.key, b.cloudObject]));
      for (const binding of target.bindings) {
        if (changed.has(`${target.name}/${binding.name}`)) continue;
        compared += 1;
        const held = actual.get(adapter.bindingKey(binding.spec));
        if (!isDeepStrictEqual(held, catalogueSide(target, binding))) {
          differing.push(`${target.name}/${binding.name}`);
        }
      }
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(20);
  });

  it("finds the drifted subject, the removed statement and grant, the unmanaged FIC and the foreign statement", () => {
    const payments = reads.get("uami-payments-prod");
    const tfc = reads.get("aws-tfc-network");
    const gitlab = reads.get(gcpDrifted.target);
    const web = reads.get("aws-web-deployer");
    if (
      payments?.state !== "found" ||
      tfc?.state !== "found" ||
      gitlab?.state !== "found" ||
      web?.state !== "found"
    ) {
      throw new Error("a target was not read");
    }
    const catalogued = estate.find((t) => t.name === "uami-payments-prod")?.bindings ?? [];
    const keys = new Map(catalogued.map((b) => [cloudAdapter("azure").bindingKey(b.spec), b.name]));
    const byName = (name: string) =>
      payments.target.bindings.find((b) => keys.get(b.key) === name)?.cloudObject;
    expect(JSON.stringify(byName(azureDrifted.fic))).toContain(azureDrifted.subject);
    const unmanaged = payments.target.bindings.filter((b) => !keys.has(b.key));
    expect(unmanaged.map((b) => JSON.stringify(b.cloudObject))).toEqual([
      expect.stringContaining(azureUnmanaged.fic.subject),
    ]);
    expect(JSON.stringify(tfc.target.bindings.map((b) => b.key))).not.toContain(
      awsDrifted.removedSid,
    );
    expect(gitlab.target.bindings.map((b) => JSON.stringify(b.spec))).not.toContainEqual(
      expect.stringContaining("mobile-app-main"),
    );
    expect(web.target.foreign?.map((f) => f.key).join(" ")).toContain(awsUnmanaged.foreign.sid);
  });
});

describe("discovery on the Sandbox connections (import)", () => {
  it.each([
    ["azure", azureUnmanaged.identity.name],
    ["aws", awsUnmanaged.role.name],
  ] as const)("%s: offers the target the catalogue lacks", async (cloud, displayName) => {
    const id = sandbox.connections.ids[cloud];
    if (!id) throw new Error(`no Sandbox ${cloud} connection`);
    const found = await cloudAdapter(cloud).discover(await openConnection(getDb(), id));
    expect(found.errors).toEqual([]);
    expect(found.targets.map((t) => t.displayName)).toContain(displayName);
  });

  it("gcp: offers the grant the catalogue lacks", async () => {
    const id = sandbox.connections.ids.gcp;
    if (!id) throw new Error("no Sandbox GCP connection");
    const found = await cloudAdapter("gcp").discover(await openConnection(getDb(), id));
    expect(found.errors).toEqual([]);
    const specs = found.targets.flatMap((t) => t.bindings.map((b) => JSON.stringify(b.spec)));
    expect(specs).toContainEqual(expect.stringContaining(gcpUnmanaged.accountId));
  });
});
