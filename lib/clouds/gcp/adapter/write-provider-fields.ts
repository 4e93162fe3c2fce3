import type { ProviderResource } from "@/lib/clouds/gcp/adapter/actual-target";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";

// Which of the provider's trust settings differ from the catalogue's, as a
// patch body and its updateMask. Audiences are a set (their order means
// nothing to STS); an absent condition and an empty one are the same.
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers#WorkloadIdentityPoolProvider

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

function sameMapping(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

export type ProviderPatch = {
  updateMask: string[];
  body: {
    attributeMapping?: Record<string, string>;
    attributeCondition?: string;
    oidc?: { allowedAudiences: string[] };
  };
};

export function providerPatch(
  current: ProviderResource,
  config: TGcpProviderConfig,
): ProviderPatch | null {
  const patch: ProviderPatch = { updateMask: [], body: {} };
  if (!sameMapping(current.attributeMapping ?? {}, config.attributeMapping)) {
    patch.updateMask.push("attributeMapping");
    patch.body.attributeMapping = config.attributeMapping;
  }
  if ((current.attributeCondition || null) !== config.attributeCondition) {
    // In the mask and absent from the body clears it (https://google.aip.dev/134).
    patch.updateMask.push("attributeCondition");
    if (config.attributeCondition) patch.body.attributeCondition = config.attributeCondition;
  }
  if (!sameSet(current.oidc?.allowedAudiences ?? [], config.allowedAudiences)) {
    patch.updateMask.push("oidc.allowedAudiences");
    patch.body.oidc = { allowedAudiences: config.allowedAudiences };
  }
  return patch.updateMask.length > 0 ? patch : null;
}
