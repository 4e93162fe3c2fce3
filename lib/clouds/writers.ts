import "server-only";
import type { CloudWriter } from "@/lib/clouds/adapter-types";
import { awsWriter } from "@/lib/clouds/aws/adapter/writer";
import { azureWriter } from "@/lib/clouds/azure/adapter/writer";
import { gcpWriter } from "@/lib/clouds/gcp/adapter/writer";
import type { Cloud } from "@/lib/clouds/types";

// The write half of each adapter, by cloud (sync's apply is its only user).

const writers: Record<Cloud, CloudWriter> = {
  azure: azureWriter,
  aws: awsWriter,
  gcp: gcpWriter,
};

export function cloudWriter(cloud: Cloud): CloudWriter {
  return writers[cloud];
}
