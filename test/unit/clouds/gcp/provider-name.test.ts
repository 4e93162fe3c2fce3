import { describe, expect, it } from "vitest";
import { fullProviderName } from "@/lib/clouds/gcp/ids";
import { parseProviderResource } from "@/lib/clouds/gcp/match/resource-names";

// gcloud iam workload-identity-pools providers describe prints the name
// relative to the service; STS wants //iam.googleapis.com/ + that (CLOUDS.md
// 3.6). The evaluate API and the provider form take both.

const relative =
  "projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github";

describe("fullProviderName", () => {
  it("prefixes the relative name gcloud prints", () => {
    expect(fullProviderName(relative)).toBe(`//iam.googleapis.com/${relative}`);
  });

  it.each([
    [`//iam.googleapis.com/${relative}`],
    [`https://iam.googleapis.com/${relative}`],
    ["projects/123456789012/locations/global/workloadIdentityPools/ci-pool"],
    ["ci-pool"],
  ])("leaves %s as it is", (text) => {
    expect(fullProviderName(text)).toBe(text);
  });

  it("gives the three ids the provider form fills from a pasted name", () => {
    expect(parseProviderResource(fullProviderName(relative))).toEqual({
      projectNumber: "123456789012",
      poolId: "ci-pool",
      providerId: "github",
    });
  });
});
