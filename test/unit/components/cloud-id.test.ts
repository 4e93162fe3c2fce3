import { describe, expect, it } from "vitest";
import { displayCloudId } from "@/components/targets/cloud-id";

describe("displayCloudId", () => {
  it("shows a managed identity's id in ARM's casing, not the stored lower case", () => {
    const config = {
      tenantId: "11111111-1111-1111-1111-111111111111",
      subscriptionId: "22222222-2222-2222-2222-222222222222",
      resourceGroup: "Payments-RG",
      identityName: "uami-Payments",
    };
    expect(
      displayCloudId({
        kind: "azure-uami",
        config,
        externalId:
          "/subscriptions/22222222-2222-2222-2222-222222222222/resourcegroups/payments-rg/providers/microsoft.managedidentity/userassignedidentities/uami-payments",
      }),
    ).toBe(
      "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/Payments-RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-Payments",
    );
  });

  it("shows other targets' stored id as it is", () => {
    const externalId = "arn:aws:iam::123456789012:role/deploy";
    expect(displayCloudId({ kind: "aws-role", config: {}, externalId })).toBe(externalId);
  });
});
