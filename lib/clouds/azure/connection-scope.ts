import { z } from "zod";
import { ZAzureGuid, ZResourceGroupName } from "@/lib/clouds/azure/ids";

// What an Azure connection reaches: one Entra tenant, the subscriptions whose
// user-assigned identities it reads, and optionally narrower lists (resource
// groups, named identities, app registrations by object id). Every part is
// checked against its format before it enters a URL.

export const ZAzureConnectionScope = z
  .object({
    tenantId: ZAzureGuid,
    subscriptionIds: z.array(ZAzureGuid).min(1, "give at least one subscription").max(50),
    /** Limit discovery to these resource groups (all of each subscription when empty). */
    resourceGroups: z.array(ZResourceGroupName).max(100).default([]),
    /** App registrations (object ids) whose FICs to read through Microsoft Graph. */
    applicationObjectIds: z.array(ZAzureGuid).max(500).default([]),
  })
  .strict();
export type TAzureConnectionScope = z.infer<typeof ZAzureConnectionScope>;
