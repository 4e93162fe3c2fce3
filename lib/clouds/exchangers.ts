import "server-only";
import type { CloudExchanger } from "@/lib/clouds/exchange-types";
import type { Cloud } from "@/lib/clouds/types";

// The exchange half of each adapter, by cloud ("try exchange" is its only user).

const exchangers: Partial<Record<Cloud, CloudExchanger>> = {};

export function cloudExchanger(cloud: Cloud): CloudExchanger | null {
  return exchangers[cloud] ?? null;
}
