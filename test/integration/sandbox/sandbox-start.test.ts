import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import type { TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed-demo";
import type { MasterKeyring } from "@/lib/secrets/master-keyring";
import { awsDrifted, awsUnmanaged } from "@/lib/sandbox/aws-estate";
import { azureDrifted, azureUnmanaged } from "@/lib/sandbox/azure-estate";
import { gcpUnmanaged } from "@/lib/sandbox/gcp-estate";
import { readDemoEstate } from "@/lib/sandbox/demo-estate";
import { startSandbox, type Sandbox } from "@/lib/sandbox/start-sandbox";
import { testKeyring } from "./sandbox-support";

// The sandbox's start: emulators filled from the demo catalogue as the
// catalogue itself renders each binding, Sandbox connections created once
// and rewired at every start, demo targets linked, and the trail kept short.

let keyring: MasterKeyring;
const started: Sandbox[] = [];

async function start(): Promise<Sandbox> {
  const sandbox = await startSandbox({ keyring });
  started.push(sandbox);
  return sandbox;
}

const sandboxConnections = () =>
  getDb().cloudConnection.findMany({ where: { sandbox: true }, orderBy: { name: "asc" } });
const auditCount = (action: string) => getDb().auditEvent.count({ where: { action } });

beforeAll(async () => {
  keyring = await testKeyring();
  await seedDemo();
});

afterAll(async () => {
  await Promise.all(started.map((sandbox) => sandbox.close()));
});

describe("the first start", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await start();
  });

  it("fills the Azure emulator with every catalogued FIC, one subject drifted, plus unmanaged ones", async () => {
    const estate = await readDemoEstate(getDb());
    const payments = estate.find((t) => t.name === "uami-payments-prod");
    const config = payments?.config as { subscriptionId: string; resourceGroup: string };
    const id = uamiResourceId(payments?.config as TAzureUamiConfig);
    const held = new Map(sandbox.azure.store.fics(id).map((fic) => [fic.name, fic.properties]));
    for (const binding of payments?.bindings ?? []) {
      const object = binding.cloudObject as { name: string; properties: { subject?: string } };
      const expected =
        object.name === azureDrifted.fic
          ? { ...object.properties, subject: azureDrifted.subject }
          : object.properties;
      expect(held.get(object.name)).toEqual(expected);
    }
    expect(held.get(azureUnmanaged.fic.name)?.subject).toBe(azureUnmanaged.fic.subject);
    expect(held.size).toBe((payments?.bindings.length ?? 0) + 1);
    const app = estate.find((t) => t.kind === "azure-app");
    const objectId = (app?.config as { applicationObjectId: string }).applicationObjectId;
    const graphApp = sandbox.azure.graph.application(objectId);
    expect([...(graphApp?.fics.values() ?? [])].map((fic) => fic.name).sort()).toEqual(
      app?.bindings.map((b) => b.name).sort(),
    );
    const flexible = [...(graphApp?.fics.values() ?? [])].find(
      (f) => f.name === "web-release-tags",
    );
    expect(flexible?.properties.claimsMatchingExpression?.value).toMatch(
      /^claims\['sub'\] matches/,
    );
    expect(flexible?.properties.subject).toBeUndefined();
    const reporting = sandbox.azure.store.list(
      config.subscriptionId,
      azureUnmanaged.identity.resourceGroup,
    );
    expect(reporting.map((identity) => identity.name)).toContain(azureUnmanaged.identity.name);
  });

  it("gives each AWS role of the account its catalogued trust policy, one statement deleted, one foreign added", async () => {
    const estate = await readDemoEstate(getDb());
    const roles = sandbox.aws.state.roles;
    for (const target of estate.filter((t) => t.kind === "aws-role")) {
      const config = target.config as { roleName: string; accountId: string };
      if (config.accountId !== "123456789012") {
        expect(roles.has(config.roleName)).toBe(false);
        continue;
      }
      const policy = JSON.parse(roles.get(config.roleName)?.policy ?? "{}") as {
        Statement: { Sid: string }[];
      };
      const catalogued = (
        target.bindings[0]?.cloudObject as { trustPolicy: { Statement: { Sid: string }[] } }
      ).trustPolicy.Statement.map((s) => s.Sid);
      const expected = catalogued.filter((sid) =>
        config.roleName === awsDrifted.roleName ? sid !== awsDrifted.removedSid : true,
      );
      if (config.roleName === awsUnmanaged.foreign.roleName)
        expected.push(awsUnmanaged.foreign.sid);
      expect(policy.Statement.map((s) => s.Sid)).toEqual(expected);
    }
    expect(roles.get(awsUnmanaged.role.name)?.path).toBe(awsUnmanaged.role.path);
    expect([...sandbox.aws.state.providers.values()].map((p) => p.url)).toContain(
      "token.actions.githubusercontent.com",
    );
  });

  it("creates the Sandbox connections pointing at the emulators, secrets sealed", async () => {
    const rows = await getDb().cloudConnection.findMany({
      where: { sandbox: true },
      omit: { secret: false },
      orderBy: { name: "asc" },
    });
    expect(rows.map((row) => row.name)).toEqual(["Sandbox AWS", "Sandbox Azure", "Sandbox GCP"]);
    const byCloud = Object.fromEntries(rows.map((row) => [row.cloud, row]));
    expect(byCloud.azure?.endpoints).toEqual({
      azureResourceManager: sandbox.azure.endpoint,
      azureAuthorityHost: sandbox.azure.endpoint,
      azureGraph: sandbox.azure.endpoint,
    });
    expect(byCloud.aws?.endpoints).toEqual({ awsEndpoint: sandbox.aws.url });
    expect(byCloud.gcp?.endpoints).toEqual({
      gcpRootUrl: sandbox.gcp.rootUrl,
      gcpTokenUrl: sandbox.gcp.tokenUrl,
    });
    expect(rows.map((row) => row.caBundle)).toEqual([
      sandbox.aws.ca,
      sandbox.azure.ca,
      sandbox.gcp.ca,
    ]);
    const azureSecret = byCloud.azure?.secret as { clientId: string; clientSecret: string };
    const tenantId = (byCloud.azure?.scope as { tenantId: string }).tenantId;
    const issued = sandbox.azure.entra.client(tenantId, azureSecret.clientId)?.secret;
    expect(issued).toBeTruthy();
    for (const row of rows) {
      expect(row.authKind).toBe("secret");
      expect(row.secretKeyId).toBe(keyring.current.id);
      expect(JSON.stringify(row.secret)).not.toContain(issued);
      expect(JSON.stringify(row.secret)).not.toContain("PRIVATE KEY");
    }
    expect(await auditCount("connection.create")).toBe(3);
    expect(await auditCount("connection.sandbox.refresh")).toBe(0);
  });

  it("fills the GCP emulator with the demo providers and grants, one grant removed, one unmanaged", () => {
    const { state } = sandbox.gcp;
    expect([...state.providers.keys()].map((name) => name.split("/").pop()).sort()).toEqual([
      "github-actions",
      "gitlab-com",
      "hcp-terraform",
      "sandbox-issuer",
    ]);
    const deployer = state.policies.get("deployer@contoso-prod.iam.gserviceaccount.com");
    expect(deployer?.bindings[0]?.members).toHaveLength(2);
    expect(
      state.policies.get("mobile-ci@contoso-prod.iam.gserviceaccount.com")?.bindings ?? [],
    ).toEqual([]);
    const docs = state.policies.get(
      `${gcpUnmanaged.accountId}@contoso-prod.iam.gserviceaccount.com`,
    );
    expect(docs?.bindings[0]?.members[0]).toMatch(
      /\/subject\/repo:contoso\/docs:ref:refs\/heads\/main$/,
    );
  });

  it("links the demo targets of the sandbox's tenant and account, and no other", async () => {
    const rows = await getDb().cloudTarget.findMany({
      select: { name: true, cloud: true, connectionId: true },
    });
    const ids = Object.fromEntries((await sandboxConnections()).map((row) => [row.cloud, row.id]));
    for (const row of rows) {
      const expected = row.name === "aws-billing-eks" ? null : ids[row.cloud];
      expect({ name: row.name, connectionId: row.connectionId }).toEqual({
        name: row.name,
        connectionId: expected,
      });
    }
    expect(sandbox.linkedTargets).toBe(rows.filter((r) => r.connectionId).length);
  });
});

describe("a second start", () => {
  it("rewires the same connections to the new ports with one audit event, and links nothing again", async () => {
    const before = await sandboxConnections();
    const targetUpdates = await auditCount("target.update");
    const sandbox = await start();
    const after = await sandboxConnections();
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    const azure = after.find((row) => row.cloud === "azure");
    expect(azure?.endpoints).toMatchObject({ azureResourceManager: sandbox.azure.endpoint });
    expect(azure?.caBundle).toBe(sandbox.azure.ca);
    expect(azure?.caBundle).not.toBe(before.find((row) => row.cloud === "azure")?.caBundle);
    expect(after.map((row) => row.version)).toEqual(before.map((row) => row.version + 1));
    expect(sandbox.linkedTargets).toBe(0);
    expect(await auditCount("target.update")).toBe(targetUpdates);
    expect(await auditCount("connection.create")).toBe(3);
    expect(await auditCount("connection.sandbox.refresh")).toBe(1);
  });

  it("leaves a connection of the operator's that holds a Sandbox name, and targets they linked themselves", async () => {
    const db = getDb();
    const own = await db.cloudConnection.update({
      where: { name: "Sandbox AWS" },
      data: { sandbox: false },
    });
    const azure = await db.cloudConnection.findUniqueOrThrow({ where: { name: "Sandbox Azure" } });
    const mine = await db.cloudConnection.create({
      data: {
        name: "Contoso Azure",
        cloud: "azure",
        scope: azure.scope ?? {},
        authKind: "ambient",
      },
    });
    await db.cloudTarget.update({
      where: { name: "uami-aks-wkldid" },
      data: { connectionId: mine.id },
    });
    const sandbox = await start();
    expect(sandbox.connections.skipped).toEqual(["Sandbox AWS"]);
    expect(sandbox.connections.ids.aws).toBeUndefined();
    const row = await db.cloudConnection.findUniqueOrThrow({ where: { id: own.id } });
    expect(row.endpoints).toEqual(own.endpoints);
    expect(row.version).toBe(own.version);
    const linked = await db.cloudTarget.findMany({
      where: { name: { in: ["uami-aks-wkldid", "uami-payments-prod"] } },
      select: { name: true, connectionId: true },
      orderBy: { name: "asc" },
    });
    expect(linked).toEqual([
      { name: "uami-aks-wkldid", connectionId: mine.id },
      { name: "uami-payments-prod", connectionId: azure.id },
    ]);
  });
});
