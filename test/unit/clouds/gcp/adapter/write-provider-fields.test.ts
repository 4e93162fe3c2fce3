import { describe, expect, it } from "vitest";
import { providerPatch } from "@/lib/clouds/gcp/adapter/write-provider-fields";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

const config = ZGcpProviderConfig.parse({
  projectNumber: "123456789012",
  poolId: "github-pool",
  providerId: "gh-actions",
  issuerUri: "https://token.actions.githubusercontent.com",
  allowedAudiences: ["a", "b"],
  attributeMapping: { "google.subject": "assertion.sub" },
  attributeCondition: "assertion.repository_owner == 'acme'",
});
const same = {
  attributeMapping: { "google.subject": "assertion.sub" },
  attributeCondition: "assertion.repository_owner == 'acme'",
  oidc: { issuerUri: config.issuerUri, allowedAudiences: ["b", "a"] },
};

describe("providerPatch", () => {
  it("is null when the provider holds the catalogue's settings (audiences in any order)", () => {
    expect(providerPatch(same, config)).toBeNull();
  });

  it("names only the differing fields", () => {
    const patch = providerPatch(
      { ...same, attributeMapping: { "google.subject": "assertion.repository" } },
      { ...config, allowedAudiences: ["a"] },
    );
    expect(patch).toEqual({
      updateMask: ["attributeMapping", "oidc.allowedAudiences"],
      body: { attributeMapping: config.attributeMapping, oidc: { allowedAudiences: ["a"] } },
    });
  });

  it("clears a condition by naming it in the mask without a value", () => {
    expect(providerPatch(same, { ...config, attributeCondition: null })).toEqual({
      updateMask: ["attributeCondition"],
      body: {},
    });
    expect(providerPatch({ ...same, attributeCondition: "" }, config)?.updateMask).toEqual([
      "attributeCondition",
    ]);
  });
});
