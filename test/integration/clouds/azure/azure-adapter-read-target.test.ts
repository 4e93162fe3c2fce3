// Drift's read of one target through the real SDK clients: found, missing only
// on Azure's own 404, unreadable (never missing) on 403, throttling retried
// after the wait Azure asked for.
import { describe, expect, it } from "vitest";
import type { CatalogTargetRef } from "@/lib/clouds/adapter-types";
import { azureCatalog } from "@/lib/clouds/azure";
import { azureAppIdentity, azureUamiIdentity } from "@/lib/clouds/azure/target-config";
import { startAzureEmulator } from "@/test/emulators/azure/server";
import { AUDIENCES, ISSUER, RG, setUpAdapterFixture, SUB, TENANT } from "./azure-adapter-fixture";

const fx = setUpAdapterFixture();

function uamiRef(name: string): CatalogTargetRef {
  const identity = fx.emulator.store.identity(
    `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
  )!;
  const config = {
    tenantId: TENANT,
    subscriptionId: SUB,
    resourceGroup: RG,
    identityName: name,
    clientId: identity.clientId,
    principalId: identity.principalId,
  };
  return {
    kind: "azure-uami",
    config,
    externalId: azureUamiIdentity(config).externalId,
    bindings: [],
  };
}

function appRef(objectId: string): CatalogTargetRef {
  const app = fx.emulator.graph.application(objectId)!;
  const config = { tenantId: TENANT, applicationObjectId: objectId, clientId: app.appId };
  return {
    kind: "azure-app",
    config,
    externalId: azureAppIdentity(config).externalId,
    bindings: [],
  };
}

describe("Azure adapter: readTarget", () => {
  it("finds an identity with its credentials, each shown exactly as the catalogue shows it", async () => {
    fx.seed(fx.identity("rt-found"), 2);
    const ref = uamiRef("rt-found");
    const read = await fx.adapter.readTarget(fx.connection(), ref);
    expect(read.state).toBe("found");
    if (read.state !== "found") return;
    expect(read.target.config).toEqual(ref.config);
    expect(read.target.externalId).toBe(ref.externalId);
    expect(read.target.bindings.map((b) => b.key)).toEqual(["fic-0", "fic-1"]);
    for (const binding of read.target.bindings) {
      const context = {
        spec: binding.spec,
        target: { id: "t", kind: ref.kind, name: "rt-found", config: ref.config },
      };
      expect(binding.cloudObject).toEqual(
        azureCatalog.cloudObject(context as Parameters<typeof azureCatalog.cloudObject>[0]),
      );
    }
  });

  it("reads a target catalogued in another letter case as the same identity, without drift", async () => {
    fx.seed(fx.identity("rt-case"), 1);
    const ref = uamiRef("rt-case");
    const config = {
      ...(ref.config as Record<string, string>),
      resourceGroup: "RG-Fedlens",
      identityName: "RT-Case",
    };
    const read = await fx.adapter.readTarget(fx.connection(), { ...ref, config });
    expect(read.state).toBe("found");
    if (read.state !== "found") return;
    expect(read.target.config).toEqual(config);
    const [binding] = read.target.bindings;
    const context = { spec: binding!.spec, target: { id: "t", kind: ref.kind, name: "x", config } };
    expect(binding!.cloudObject).toEqual(
      azureCatalog.cloudObject(context as Parameters<typeof azureCatalog.cloudObject>[0]),
    );
  });

  it("leaves out a credential deleted in Azure", async () => {
    const path = fx.identity("rt-deleted-fic");
    fx.seed(path, 3);
    fx.emulator.store.removeFic(path, "fic-1");
    const read = await fx.adapter.readTarget(fx.connection(), uamiRef("rt-deleted-fic"));
    expect(read.state === "found" && read.target.bindings.map((b) => b.key)).toEqual([
      "fic-0",
      "fic-2",
    ]);
  });

  it("says missing once the identity itself is deleted", async () => {
    const path = fx.identity("rt-gone");
    const ref = uamiRef("rt-gone");
    fx.emulator.store.removeIdentity(path);
    expect(await fx.adapter.readTarget(fx.connection(), ref)).toEqual({ state: "missing" });
  });

  it("says unreadable, never missing, when Azure answers 403", async () => {
    fx.seed(fx.identity("rt-forbidden"), 1);
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "/rt-forbidden" });
    const read = await fx.adapter.readTarget(fx.connection(), uamiRef("rt-forbidden"));
    expect(read).toMatchObject({
      state: "unreadable",
      error: { kind: "denied", code: "AuthorizationFailed", status: 403 },
    });
  });

  it("retries a 429 after the Retry-After Azure sent, then finds the identity", async () => {
    fx.seed(fx.identity("rt-throttled"), 1);
    fx.emulator.faults.add(
      { kind: "status", status: 429, retryAfterSeconds: 7 },
      { method: "GET", pathIncludes: "/rt-throttled/federatedIdentityCredentials" },
      1,
    );
    const read = await fx.adapter.readTarget(fx.connection(), uamiRef("rt-throttled"));
    expect(read.state).toBe("found");
    expect(fx.requestsTo("/rt-throttled/federatedIdentityCredentials")).toBe(2);
    // The injected clock was asked to wait at least the 7 s Azure named, and only once.
    expect(fx.waits).toHaveLength(1);
    expect(fx.waits[0]).toBeGreaterThanOrEqual(7000);
  });

  it("gives up on throttling after the bounded attempts and says unreadable", async () => {
    fx.identity("rt-always-throttled");
    fx.emulator.faults.add(
      { kind: "status", status: 429, retryAfterSeconds: 1 },
      { pathIncludes: "/rt-always-throttled" },
    );
    const read = await fx.adapter.readTarget(fx.connection(), uamiRef("rt-always-throttled"));
    expect(read).toMatchObject({
      state: "unreadable",
      error: { kind: "throttled", code: "TooManyRequests" },
    });
    // withRetry's 5 attempts for each of the two reads; the SDK's own retries are off.
    expect(fx.requestsTo("/rt-always-throttled/federatedIdentityCredentials")).toBe(5);
    expect(fx.requestsTo("/userAssignedIdentities/rt-always-throttled")).toBe(5);
  });

  it("says unreadable, never missing, when every connection is reset", async () => {
    fx.identity("rt-reset");
    fx.emulator.faults.add({ kind: "reset" }, { pathIncludes: "/rt-reset" });
    const read = await fx.adapter.readTarget(fx.connection(), uamiRef("rt-reset"));
    expect(read).toMatchObject({ state: "unreadable", error: { kind: "network" } });
    expect(fx.waits.length).toBeGreaterThan(0);
  });

  it("finds an app registration and says missing once it is deleted", async () => {
    const objectId = fx.emulator.graph.addApplication(crypto.randomUUID(), {
      displayName: "rt-app",
    });
    fx.emulator.graph.seedFic(objectId, {
      name: "main",
      properties: { issuer: ISSUER, subject: "repo:o/r:ref:refs/heads/main", audiences: AUDIENCES },
    });
    const ref = appRef(objectId);
    const read = await fx.adapter.readTarget(fx.connection(), ref);
    expect(read.state === "found" && read.target.bindings.map((b) => b.key)).toEqual(["main"]);
    fx.emulator.graph.removeApplication(objectId);
    expect(await fx.adapter.readTarget(fx.connection(), ref)).toEqual({ state: "missing" });
  });

  it("says unreadable, never missing, when Azure refuses a token from another cloud's authority", async () => {
    fx.identity("rt-other-cloud");
    // The authority of another Azure cloud: a valid sign-in, a token this ARM does not trust.
    const other = await startAzureEmulator();
    try {
      other.entra.addClient({ tenantId: TENANT, clientId: fx.clientId, secret: fx.secret });
      const connection = fx.connection();
      connection.endpoints.azureAuthorityHost = other.endpoint;
      connection.caBundle = `${fx.emulator.ca}\n${other.ca}`;
      const read = await fx.adapter.readTarget(connection, uamiRef("rt-other-cloud"));
      expect(read).toMatchObject({
        state: "unreadable",
        error: { kind: "unauthenticated", code: "InvalidAuthenticationToken", status: 401 },
      });
    } finally {
      await other.close();
    }
  });
});
