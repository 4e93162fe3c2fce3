// Drift reads and the connection test of the GCP adapter, through the real
// clients against the emulator: found / missing / unreadable, throttling
// retried after Retry-After, one retry rule (gaxios adds none).
import { describe, expect, it } from "vitest";
import type { CatalogTargetRef } from "@/lib/clouds/adapter-types";
import { gcpAdapter } from "@/lib/clouds/gcp/adapter";
import { defaultRetryPolicy } from "@/lib/clouds/retry";
import type { GcpFault } from "@/test/emulators/gcp/faults";
import { createServiceAccountKey } from "@/test/emulators/gcp/service-account-key";
import { providerName, seedEstate } from "./estate";
import { keyConnection, PROJECT, READER, setUpGcpEmulator } from "./support";

const fx = setUpGcpEmulator();

/** The catalogue's view of the provider, as import would have saved it. */
async function catalogued(): Promise<CatalogTargetRef> {
  const { targets } = await gcpAdapter.discover(fx.connection);
  const [target] = targets;
  if (!target) throw new Error("no target discovered");
  fx.emulator.requests.length = 0;
  return {
    kind: target.kind,
    config: target.config,
    externalId: target.externalId,
    bindings: target.bindings.map((b) => ({
      name: (b.spec as { name: string }).name,
      spec: b.spec,
    })),
  };
}

/** Reads the catalogued provider while `fault` answers its get (`times` times). */
async function readWithProviderFault(fault: GcpFault, times?: number) {
  seedEstate(fx.emulator.state);
  const target = await catalogued();
  fx.emulator.faults.add(fault, { pathIncludes: "/providers/gh-actions" }, times);
  return gcpAdapter.readTarget(fx.connection, target);
}

const requestsTo = (suffix: string) => fx.emulator.requests.filter((r) => r.path.endsWith(suffix));

describe("GCP adapter readTarget", () => {
  it("reads the provider and the grants of the service accounts its bindings name", async () => {
    seedEstate(fx.emulator.state);
    const target = await catalogued();
    const read = await gcpAdapter.readTarget(fx.connection, target);
    expect(read.state).toBe("found");
    if (read.state !== "found") return;
    expect(read.target.externalId).toBe(target.externalId);
    expect(read.target.bindings.map((b) => b.key).sort()).toEqual(
      target.bindings.map((b) => gcpAdapter.bindingKey(b.spec)).sort(),
    );
    // Only the deployer's policy: the builder account is named by no binding.
    expect(requestsTo(":getIamPolicy").map((r) => r.path)).toEqual([
      `/v1/projects/-/serviceAccounts/deployer@${PROJECT.projectId}.iam.gserviceaccount.com:getIamPolicy`,
    ]);
  });

  it("says missing when the provider is soft-deleted or gone", async () => {
    seedEstate(fx.emulator.state);
    const target = await catalogued();
    const provider = fx.emulator.state.providers.get(providerName());
    if (provider) provider.state = "DELETED";
    expect(await gcpAdapter.readTarget(fx.connection, target)).toEqual({ state: "missing" });
    fx.emulator.state.providers.delete(providerName());
    expect(await gcpAdapter.readTarget(fx.connection, target)).toEqual({ state: "missing" });
  });

  it("says unreadable, never missing, when a service account's policy answers 403", async () => {
    seedEstate(fx.emulator.state);
    const target = await catalogued();
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "deployer@" });
    const read = await gcpAdapter.readTarget(fx.connection, target);
    expect(read.state).toBe("unreadable");
    if (read.state !== "unreadable") return;
    expect(read.error).toMatchObject({ kind: "denied", code: "PERMISSION_DENIED", status: 403 });
    expect(read.error.fix).toContain("roles/iam.workloadIdentityPoolViewer");
    // A 403 is not retried.
    expect(requestsTo(":getIamPolicy")).toHaveLength(1);
  });

  it("says unreadable when the provider itself answers 403", async () => {
    const read = await readWithProviderFault({ kind: "forbidden" });
    expect(read).toMatchObject({ state: "unreadable", error: { kind: "denied" } });
  });

  it("retries a 429 after its Retry-After and then reads", async () => {
    const read = await readWithProviderFault(
      { kind: "status", status: 429, retryAfterSeconds: 1 },
      1,
    );
    expect(read.state).toBe("found");
    expect(requestsTo("/providers/gh-actions")).toHaveLength(2);
  });

  it("makes exactly the retry rule's attempts when IAM stays unavailable", async () => {
    const read = await readWithProviderFault({ kind: "status", status: 503, retryAfterSeconds: 0 });
    expect(read).toMatchObject({
      state: "unreadable",
      error: { kind: "unavailable", code: "UNAVAILABLE" },
    });
    expect(requestsTo("/providers/gh-actions")).toHaveLength(defaultRetryPolicy.attempts);
  });
});

describe("GCP adapter test", () => {
  it("gets the project and names the service account Fedlens signs in as", async () => {
    const result = await gcpAdapter.test(fx.connection);
    expect(result).toEqual({
      ok: true,
      principal: READER,
      details: [`Project ${PROJECT.projectId} (number ${PROJECT.projectNumber}) is ACTIVE.`],
    });
    expect(requestsTo("/token")).toHaveLength(1);
    expect(requestsTo(`/v3/projects/${PROJECT.projectId}`)[0]?.principal).toBe(READER);
  });

  it("reports invalid_grant for a key Google does not know", async () => {
    const stranger = createServiceAccountKey(fx.emulator, READER, { register: false });
    const result = await gcpAdapter.test(keyConnection(fx.emulator, stranger));
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "unauthenticated",
        code: "invalid_grant",
        message: "Invalid JWT Signature.",
        status: 400,
      },
    });
    expect(requestsTo(`/v3/projects/${PROJECT.projectId}`)).toHaveLength(0);
  });

  it("retries a failing token endpoint by the one rule only (gaxios adds no attempts)", async () => {
    fx.emulator.faults.add(
      { kind: "status", status: 503, retryAfterSeconds: 0 },
      { pathIncludes: "/token" },
    );
    const result = await gcpAdapter.test(fx.connection);
    expect(result).toMatchObject({ ok: false, error: { kind: "unavailable" } });
    expect(requestsTo("/token")).toHaveLength(defaultRetryPolicy.attempts);
  });

  it("reports a secret that is not a key file without echoing it", async () => {
    const result = await gcpAdapter.test(
      keyConnection(fx.emulator, '{"type":"authorized_user","refresh_token":"canary-secret"}'),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "InvalidServiceAccountKey" } });
    expect(JSON.stringify(result)).not.toContain("canary-secret");
  });

  it("reports 403 PERMISSION_DENIED in Google's words with the roles to grant", async () => {
    fx.emulator.faults.add({ kind: "forbidden" }, { pathIncludes: "/v3/projects/" });
    const result = await gcpAdapter.test(fx.connection);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "denied",
        code: "PERMISSION_DENIED",
        message: `Permission 'resourcemanager.projects.get' denied on resource '//cloudresourcemanager.googleapis.com/projects/${PROJECT.projectId}' (or it may not exist).`,
      },
    });
    if (!result.ok) expect(result.error.cause).toContain("resourcemanager.projects.get");
  });

  it("reports a project number that is not the project's", async () => {
    const connection = { ...fx.connection, scope: { ...fx.connection.scope, projectNumber: "42" } };
    expect(await gcpAdapter.test(connection)).toMatchObject({
      ok: false,
      error: { code: "ProjectNumberMismatch" },
    });
  });

  it("does not trust the emulator without the connection's CA bundle", async () => {
    const result = await gcpAdapter.test({ ...fx.connection, caBundle: null });
    expect(result).toMatchObject({ ok: false, error: { kind: "network" } });
    if (!result.ok) expect(result.error.fix).toContain("CA bundle");
  });
});
