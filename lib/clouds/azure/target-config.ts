import { z } from "zod";
import {
  uamiResourceId,
  ZAzureGuid,
  ZResourceGroupName,
  ZUserAssignedIdentityName,
} from "@/lib/clouds/azure/ids";

// The two homes of a federated identity credential (CLOUDS.md 1.1): a
// user-assigned managed identity (ARM) or an app registration (Graph).

export const ZAzureUamiConfig = z
  .object({
    tenantId: ZAzureGuid,
    subscriptionId: ZAzureGuid,
    resourceGroup: ZResourceGroupName,
    identityName: ZUserAssignedIdentityName,
    clientId: ZAzureGuid,
    principalId: ZAzureGuid,
  })
  .strict();
export type TAzureUamiConfig = z.infer<typeof ZAzureUamiConfig>;

export const ZAzureAppConfig = z
  .object({
    tenantId: ZAzureGuid,
    applicationObjectId: ZAzureGuid,
    clientId: ZAzureGuid,
    displayName: z.string().trim().max(256, "must be at most 256 characters").optional(),
  })
  .strict();
export type TAzureAppConfig = z.infer<typeof ZAzureAppConfig>;

export function azureUamiIdentity(config: TAzureUamiConfig) {
  return {
    // ARM resource ids compare case-insensitively; one spelling keeps them unique.
    externalId: uamiResourceId(config).toLowerCase(),
    scope: config.tenantId,
  };
}

export function azureAppIdentity(config: TAzureAppConfig) {
  return {
    externalId: `/tenants/${config.tenantId}/applications/${config.applicationObjectId}`,
    scope: config.tenantId,
  };
}
