import "server-only";
import { awsExchanger } from "@/lib/clouds/aws/adapter/exchange";
import type { CloudExchanger } from "@/lib/clouds/exchange-types";
import { gcpExchanger } from "@/lib/clouds/gcp/adapter/exchange";
import type { Cloud } from "@/lib/clouds/types";

// The exchange half of each adapter, by cloud ("try exchange" is its only user).

const exchangers: Partial<Record<Cloud, CloudExchanger>> = {
  aws: awsExchanger,
  gcp: gcpExchanger,
};

export function cloudExchanger(cloud: Cloud): CloudExchanger | null {
  return exchangers[cloud] ?? null;
}
