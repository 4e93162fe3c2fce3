import { z } from "zod";
import { armNameSchema } from "@/lib/clouds/azure/arm-name";

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guidMessage = "must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47";

/**
 * Tenant, subscription, client, principal and application object ids. Entra
 * and ARM compare them case-insensitively; one spelling (lower case, as the
 * portal shows them) keeps stored ids comparable.
 */
export const ZAzureGuid = z
  .string({ message: "is required" })
  .trim()
  .superRefine((value, ctx) => {
    if (!guidPattern.test(value)) {
      ctx.addIssue({ code: "custom", message: value === "" ? "is required" : guidMessage });
    }
  })
  .transform((value) => value.toLowerCase());

// Azure naming rules, Microsoft.Resources/resourcegroups: 1–90 characters of
// letters, digits, '_', '(', ')', '-' and '.', not ending with '.'
// (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
// ARM's own pattern is ^[-\w\._\(\)]+$ with Unicode letters and digits.
const resourceGroupCharacter = /^[\p{L}\p{N}_()\-.]$/u;

export const ZResourceGroupName = z
  .string({ message: "is required" })
  .min(1, "is required")
  .max(90, "must be at most 90 characters")
  .superRefine((value, ctx) => {
    const bad = Array.from(value).find((character) => !resourceGroupCharacter.test(character));
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: "may contain only letters, digits, '_', '(', ')', '-' and '.'",
      });
    }
    if (value.endsWith(".")) {
      ctx.addIssue({ code: "custom", message: "must not end with '.': ARM refuses it" });
    }
  });

// Microsoft.ManagedIdentity/userAssignedIdentities resourceName in the ARM
// spec: ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$ (3–128 characters).
export const ZUserAssignedIdentityName = armNameSchema({ min: 3, max: 128, cloud: "ARM" });

/** CLOUDS.md 1.1: the identity's ARM id; a FIC's id appends /federatedIdentityCredentials/{name}. */
export function uamiResourceId(identity: {
  subscriptionId: string;
  resourceGroup: string;
  identityName: string;
}): string {
  const { subscriptionId, resourceGroup, identityName } = identity;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identityName}`;
}
