// The provider's trust settings written to match the catalogue: only the
// fields that differ are patched, the long-running operation is polled with
// a growing wait until done, a re-run patches nothing, and refusals are
// explained with the permission to grant.
import { afterEach, describe, expect, it } from "vitest";
import type { CatalogTargetRef } from "@/lib/clouds/adapter-types";
import { applyGcpProviderConfig } from "@/lib/clouds/gcp/adapter/write-provider";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { N, POOL, PROVIDER, providerName, seedEstate } from "./estate";
import { cloudFailure, recordingSleep } from "./gcp-writer-support";
import { setUpGcpEmulator } from "./support";

const fx = setUpGcpEmulator();
afterEach(() => {
  fx.emulator.state.operationPolls = 0;
  fx.emulator.state.operationError = undefined;
});

const catalogued = (fields: Record<string, unknown> = {}): CatalogTargetRef => ({
  kind: "gcp-provider",
  config: ZGcpProviderConfig.parse({
    projectNumber: N,
    poolId: POOL,
    providerId: PROVIDER,
    issuerUri: "https://token.actions.githubusercontent.com",
    attributeMapping: {
      "google.subject": "assertion.sub",
      "attribute.repository": "assertion.repository",
    },
    attributeCondition: "assertion.repository_owner == 'acme'",
    ...fields,
  }),
  externalId: "",
  bindings: [],
});

const calls = () =>
  fx.emulator.requests
    .filter((r) => r.path.includes(`/providers/${PROVIDER}`))
    .map((r) => `${r.method} ${r.path.includes("/operations/") ? "operation" : "provider"}`);

describe("applyGcpProviderConfig", () => {
  it("patches only the differing fields and polls the operation until it is done", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.state.operationPolls = 2;
    const sleep = recordingSleep();
    const target = catalogued({
      attributeCondition: "assertion.repository_owner == 'acme-corp'",
      allowedAudiences: ["https://github.com/acme"],
    });
    const result = await applyGcpProviderConfig(fx.connection, target, { retry: sleep });
    expect(result).toEqual({
      status: "applied",
      fields: ["attributeCondition", "oidc.allowedAudiences"],
    });
    const provider = fx.emulator.state.providers.get(providerName());
    expect(provider).toMatchObject({
      attributeCondition: "assertion.repository_owner == 'acme-corp'",
      oidc: {
        issuerUri: "https://token.actions.githubusercontent.com",
        allowedAudiences: ["https://github.com/acme"],
      },
      displayName: "GitHub Actions",
    });
    expect(calls()).toEqual([
      "GET provider",
      "PATCH provider",
      "GET operation",
      "GET operation",
      "GET operation",
    ]);
    // The waits grow between polls.
    expect(sleep.waits).toEqual([...sleep.waits].sort((a, b) => a - b));
    expect(new Set(sleep.waits).size).toBe(3);

    fx.emulator.requests.length = 0;
    const again = await applyGcpProviderConfig(fx.connection, target, { retry: sleep });
    expect(again).toEqual({ status: "unchanged", fields: [] });
    expect(calls()).toEqual(["GET provider"]);
  });

  it("clears a condition the catalogue no longer has", async () => {
    seedEstate(fx.emulator.state);
    const result = await applyGcpProviderConfig(
      fx.connection,
      catalogued({ attributeCondition: null }),
      { retry: recordingSleep() },
    );
    expect(result.fields).toEqual(["attributeCondition"]);
    expect(fx.emulator.state.providers.get(providerName())?.attributeCondition).toBeUndefined();
  });

  it("reports FAILED_PRECONDITION for a deleted provider without retrying", async () => {
    seedEstate(fx.emulator.state);
    const provider = fx.emulator.state.providers.get(providerName());
    if (provider) provider.state = "DELETED";
    const error = await cloudFailure(
      applyGcpProviderConfig(fx.connection, catalogued({ attributeCondition: null }), {
        retry: recordingSleep(),
      }),
    );
    expect(error).toMatchObject({ kind: "invalid", code: "FAILED_PRECONDITION", status: 400 });
    expect(error.cause).toContain("deleted");
    expect(calls()).toEqual(["GET provider", "PATCH provider"]);
  });

  it("names iam.workloadIdentityPoolProviders.update when the patch is denied", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.faults.add({ kind: "forbidden" }, { method: "PATCH" });
    const error = await cloudFailure(
      applyGcpProviderConfig(fx.connection, catalogued({ attributeCondition: null }), {
        retry: recordingSleep(),
      }),
    );
    expect(error).toMatchObject({ kind: "denied", code: "PERMISSION_DENIED" });
    expect(error.message).toContain("iam.workloadIdentityPoolProviders.update");
    expect(error.fix).toContain("iam.workloadIdentityPoolProviders.update");
  });

  it("reports an operation that ends in error in Google's words", async () => {
    seedEstate(fx.emulator.state);
    fx.emulator.state.operationError = { code: 3, message: "Invalid attribute mapping." };
    const error = await cloudFailure(
      applyGcpProviderConfig(fx.connection, catalogued({ attributeCondition: null }), {
        retry: recordingSleep(),
      }),
    );
    expect(error).toMatchObject({
      kind: "invalid",
      code: "INVALID_ARGUMENT",
      message: "Invalid attribute mapping.",
    });
  });
});
