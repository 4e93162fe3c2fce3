import "server-only";
import type { CloudAdapter } from "@/lib/clouds/adapter-types";
import { ZGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { comparableGcpCloudObject } from "@/lib/clouds/gcp/adapter/actual-target";
import { ZGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { discoverGcp } from "@/lib/clouds/gcp/adapter/discover";
import { explainGcpError } from "@/lib/clouds/gcp/adapter/explain";
import { grantKey } from "@/lib/clouds/gcp/adapter/grants";
import { readGcpTarget } from "@/lib/clouds/gcp/adapter/read-target";
import { testGcpConnection } from "@/lib/clouds/gcp/adapter/test-connection";

// The GCP adapter (read side): IAM v1 through @googleapis/iam, Resource
// Manager v3 through @googleapis/cloudresourcemanager, signed in by
// google-auth-library (a stored service-account key, or ADC).

function onlyGcp<C extends { cloud: string }>(connection: C): Extract<C, { cloud: "gcp" }> {
  if (connection.cloud !== "gcp")
    throw new Error(`A ${connection.cloud} connection was given to the GCP adapter.`);
  return connection as Extract<C, { cloud: "gcp" }>;
}

export const gcpAdapter: CloudAdapter = {
  cloud: "gcp",
  test: (connection, options) => testGcpConnection(onlyGcp(connection), options),
  discover: (connection, options) => discoverGcp(onlyGcp(connection), options),
  readTarget: (connection, target, options) => readGcpTarget(onlyGcp(connection), target, options),
  bindingKey: (spec) => grantKey(ZGcpBindingSpec.parse(spec)),
  comparableCloudObject: (spec, config) =>
    comparableGcpCloudObject(ZGcpBindingSpec.parse(spec), ZGcpProviderConfig.parse(config)),
  explain: explainGcpError,
};
