import { awsCatalog, awsEvaluator, awsTargetKinds } from "@/lib/clouds/aws";
import { azureCatalog, azureEvaluator, azureTargetKinds } from "@/lib/clouds/azure";
import { gcpCatalog, gcpEvaluator, gcpTargetKinds } from "@/lib/clouds/gcp";
import type {
  Cloud,
  CloudCatalog,
  CloudEvaluator,
  TargetKind,
  TargetKindInfo,
} from "@/lib/clouds/types";

// The one place that maps each cloud to its parts (cloud-labels.ts lists
// them for browser code); adding one means adding its folder
// and a line here (DESIGN: one cloud, one folder).

export { clouds } from "@/lib/clouds/cloud-labels";
export const targetKinds = [
  "azure-uami",
  "azure-app",
  "aws-role",
  "gcp-provider",
] as const satisfies readonly TargetKind[];

const catalogs: Record<Cloud, CloudCatalog> = {
  azure: azureCatalog as CloudCatalog,
  aws: awsCatalog as CloudCatalog,
  gcp: gcpCatalog as CloudCatalog,
};

const kinds: Record<TargetKind, TargetKindInfo> = {
  ...azureTargetKinds,
  ...awsTargetKinds,
  ...gcpTargetKinds,
} as Record<TargetKind, TargetKindInfo>;

export function cloudCatalog(cloud: Cloud): CloudCatalog {
  return catalogs[cloud];
}

export function targetKindInfo(kind: TargetKind): TargetKindInfo {
  return kinds[kind];
}

export { cloudLabels } from "@/lib/clouds/cloud-labels";

const evaluators: Record<Cloud, CloudEvaluator> = {
  azure: azureEvaluator,
  aws: awsEvaluator,
  gcp: gcpEvaluator,
};

export function cloudEvaluator(cloud: Cloud): CloudEvaluator {
  return evaluators[cloud];
}
