import "server-only";
import type { CloudAdapter } from "@/lib/clouds/adapter-types";
import { awsAdapter } from "@/lib/clouds/aws/adapter";
import { azureAdapter } from "@/lib/clouds/azure/adapter";
import { gcpAdapter } from "@/lib/clouds/gcp/adapter";
import type { Cloud } from "@/lib/clouds/types";

// The adapters, by cloud: kept apart from registry.ts so the catalogue and
// the evaluator never load an SDK.

const adapters: Record<Cloud, CloudAdapter> = {
  azure: azureAdapter,
  aws: awsAdapter,
  gcp: gcpAdapter,
};

export function cloudAdapter(cloud: Cloud): CloudAdapter {
  return adapters[cloud];
}
