// Import's read of an Azure connection through the real SDK clients against
// the emulator: identities over several pages, a flexible credential, an app
// registration (v1.0 plus beta), one forbidden identity that does not stop the rest.
import { describe, expect, it } from "vitest";
import type { ActualTarget, DiscoverProgress } from "@/lib/clouds/adapter-types";
import { ZAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { ZAzureAppConfig, ZAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { AUDIENCES, ISSUER, setUpAdapterFixture, SUB, TENANT } from "./azure-adapter-fixture";

const fx = setUpAdapterFixture(3);
const expression = {
  value: "claims['sub'] matches 'repo:o/r:ref:refs/heads/*'",
  languageVersion: 1,
};

const byName = (targets: ActualTarget[], name: string) =>
  targets.find((t) => t.displayName === name);

describe("Azure adapter: discover", () => {
  it("reads every identity of the subscription across pages, flexible credentials included", async () => {
    const paths = Array.from({ length: 7 }, (_, i) => fx.identity(`disc-${i}`, `rg-${i % 2}`));
    paths.forEach((path, i) => fx.seed(path, i));
    fx.emulator.store.seedFic(paths[6]!, {
      name: "flexible-one",
      properties: { issuer: ISSUER, audiences: AUDIENCES, claimsMatchingExpression: expression },
    });
    const progress: Parameters<DiscoverProgress>[0][] = [];
    const result = await fx.adapter.discover(fx.connection(), {
      onProgress: (p) => progress.push(p),
    });

    expect(result.errors).toEqual([]);
    expect(result.targets.map((t) => t.displayName).sort()).toEqual(
      paths.map((_, i) => `disc-${i}`).sort(),
    );
    // 7 identities at 3 a page: the listing followed nextLink over three pages.
    const listings = fx.emulator.requests.filter((r) =>
      r.path.endsWith(
        `/subscriptions/${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
      ),
    );
    expect(listings).toHaveLength(3);
    for (const target of result.targets) {
      expect(ZAzureUamiConfig.safeParse(target.config).success).toBe(true);
      for (const binding of target.bindings)
        expect(ZAzureBindingSpec.safeParse(binding.spec).success).toBe(true);
    }
    const last = byName(result.targets, "disc-6")!;
    expect(last.bindings).toHaveLength(7);
    expect(last.bindings.find((b) => b.key === "flexible-one")?.spec).toEqual({
      cloud: "azure",
      name: "flexible-one",
      issuer: ISSUER,
      audiences: AUDIENCES,
      claimsMatchingExpression: expression,
    });
    expect(last.externalId).toBe(paths[6]!.toLowerCase());
    // Only the flexible credential needed the preview read.
    expect(fx.requestsTo("/federatedIdentityCredentials/flexible-one")).toBe(1);
    expect(progress.at(-1)).toMatchObject({ read: 7, total: 7 });
  });

  it("keeps reading when one identity is forbidden, and reports that one", async () => {
    const open = fx.identity("fence-open", "rg-fence");
    const shut = fx.identity("fence-shut", "rg-fence");
    fx.seed(open, 2);
    fx.seed(shut, 2);
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "/fence-shut/" });
    const result = await fx.adapter.discover(
      fx.connection({ scope: { resourceGroups: ["rg-fence"] } }),
    );
    expect(result.targets.map((t) => t.displayName)).toEqual(["fence-open"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.object).toBe(shut);
    expect(result.errors[0]?.error).toMatchObject({ kind: "denied", code: "AuthorizationFailed" });
  });

  it("reads an app registration's credentials from v1.0 and its flexible one from beta", async () => {
    const appObjectId = crypto.randomUUID();
    const appId = crypto.randomUUID();
    fx.emulator.graph.addApplication(appObjectId, { appId, displayName: "deploy-app" });
    fx.emulator.graph.seedFic(appObjectId, {
      name: "main-branch",
      properties: { issuer: ISSUER, subject: "repo:o/r:ref:refs/heads/main", audiences: AUDIENCES },
    });
    const flexible = fx.emulator.graph.seedFic(appObjectId, {
      name: "any-branch",
      properties: { issuer: ISSUER, audiences: AUDIENCES, claimsMatchingExpression: expression },
    });
    const result = await fx.adapter.discover(
      fx.connection({
        scope: { resourceGroups: ["rg-nothing"], applicationObjectIds: [appObjectId] },
      }),
    );
    expect(result.errors).toEqual([]);
    const app = byName(result.targets, "deploy-app")!;
    expect(ZAzureAppConfig.parse(app.config)).toEqual({
      tenantId: TENANT,
      applicationObjectId: appObjectId,
      clientId: appId,
      displayName: "deploy-app",
    });
    expect(app.externalId).toBe(`/tenants/${TENANT}/applications/${appObjectId}`);
    expect(app.bindings.map((b) => b.spec)).toEqual([
      {
        cloud: "azure",
        name: "main-branch",
        issuer: ISSUER,
        audiences: AUDIENCES,
        subject: "repo:o/r:ref:refs/heads/main",
      },
      {
        cloud: "azure",
        name: "any-branch",
        issuer: ISSUER,
        audiences: AUDIENCES,
        claimsMatchingExpression: expression,
      },
    ]);
    expect(
      fx.requestsTo(
        `/beta/applications/${appObjectId}/federatedIdentityCredentials/${flexible.id}`,
      ),
    ).toBe(1);
    expect(fx.requestsTo(`/v1.0/applications/${appObjectId}/federatedIdentityCredentials`)).toBe(1);
  });

  it("reports an app registration Graph refuses to show, in Graph's words", async () => {
    const appObjectId = fx.emulator.graph.addApplication();
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: `/applications/${appObjectId}` });
    const result = await fx.adapter.discover(
      fx.connection({
        scope: { resourceGroups: ["rg-nothing"], applicationObjectIds: [appObjectId] },
      }),
    );
    expect(result.targets).toEqual([]);
    expect(result.errors[0]?.error).toMatchObject({
      kind: "denied",
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
    expect(result.errors[0]?.error.fix).toContain("Application.Read.All");
  });

  it("keeps at most eight requests in flight while it reads many identities", async () => {
    const paths = Array.from({ length: 24 }, (_, i) => fx.identity(`wide-${i}`, "rg-wide"));
    paths.forEach((path) => fx.seed(path, 2));
    // Credential reads answer slowly while the listing does not, so reads
    // would pile up without the bound.
    fx.emulator.faults.add(
      { kind: "latency", ms: 60 },
      { pathIncludes: "/federatedIdentityCredentials" },
    );
    fx.emulator.inFlight.reset();
    const result = await fx.adapter.discover(
      fx.connection({ scope: { resourceGroups: ["rg-wide"] } }),
    );
    expect(result.targets).toHaveLength(24);
    expect(fx.emulator.inFlight.max).toBe(8);
  });

  it("rejects when the import is cancelled instead of returning a partial picture", async () => {
    fx.seed(fx.identity("cancel-me", "rg-cancel"), 1);
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(
      fx.adapter.discover(fx.connection({ scope: { resourceGroups: ["rg-cancel"] } }), {
        signal: controller.signal,
      }),
    ).rejects.toThrow("cancelled");
  });
});
