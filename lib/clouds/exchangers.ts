import "server-only";
import { awsExchanger } from "@/lib/clouds/aws/adapter/exchange";
import { azureExchanger } from "@/lib/clouds/azure/adapter/exchange";
import type { CloudExchanger } from "@/lib/clouds/exchange-types";
import { gcpExchanger } from "@/lib/clouds/gcp/adapter/exchange";
import type { Cloud } from "@/lib/clouds/types";

// The exchange half of each adapter, by cloud ("try exchange" is its only user).

const exchangers: Record<Cloud, CloudExchanger> = {
  azure: azureExchanger,
  aws: awsExchanger,
  gcp: gcpExchanger,
};

export function cloudExchanger(cloud: Cloud): CloudExchanger {
  return exchangers[cloud];
}
