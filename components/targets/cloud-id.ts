import { uamiResourceId } from "@/lib/clouds/azure/ids";
import type { TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import type { TTarget } from "@/lib/schemas/target";

/**
 * The target's id as its cloud's console shows it. A managed identity's
 * stored id is lower-cased (ARM ids compare case-insensitively, and the
 * catalogue keeps one target per id); people read and paste it in ARM's
 * casing: /subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/….
 */
export function displayCloudId(target: Pick<TTarget, "kind" | "config" | "externalId">): string {
  if (target.kind === "azure-uami")
    return uamiResourceId(target.config as unknown as TAzureUamiConfig);
  return target.externalId;
}
