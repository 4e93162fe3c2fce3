import { describe, expect, it } from "vitest";
import { sampleTokenAudience } from "@/lib/sandbox/sample-token-audience";

// The audience a sample token carries is the one the binding's cloud expects.

const provider = {
  projectNumber: "482915736104",
  poolId: "sandbox-pool",
  providerId: "sandbox-issuer",
  issuerUri: "https://sandbox-issuer.fedlens.test",
  allowedAudiences: [] as string[],
  attributeMapping: { "google.subject": "assertion.sub" },
  attributeCondition: null,
  disabled: false,
  serviceAccountEmail: null,
};

describe("sampleTokenAudience", () => {
  it.each([
    [
      "azure",
      { audiences: ["api://AzureADTokenExchangeChina"] },
      "api://AzureADTokenExchangeChina",
    ],
    ["azure", {}, "api://AzureADTokenExchange"],
    ["aws", { builder: { audiences: ["aws.workload.identity"] } }, "aws.workload.identity"],
    ["aws", { statement: {} }, "sts.amazonaws.com"],
  ] as const)("%s binding %j asks for %s", (cloud, spec, expected) => {
    expect(sampleTokenAudience({ cloud, spec, targetConfig: {} })).toBe(expected);
  });

  it("asks GCP for the provider's https name when it allows no audiences, else the first allowed", () => {
    expect(sampleTokenAudience({ cloud: "gcp", spec: {}, targetConfig: provider })).toBe(
      "https://iam.googleapis.com/projects/482915736104/locations/global/workloadIdentityPools/sandbox-pool/providers/sandbox-issuer",
    );
    const allowing = { ...provider, allowedAudiences: ["https://example.test/aud"] };
    expect(sampleTokenAudience({ cloud: "gcp", spec: {}, targetConfig: allowing })).toBe(
      "https://example.test/aud",
    );
  });
});
