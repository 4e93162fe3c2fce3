import type { Finding } from "@/lib/catalog/findings";
import type { TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { multiTenantIssuer } from "@/lib/clouds/gcp/multi-tenant-issuers";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import type { BindingContext } from "@/lib/clouds/types";

// The narrowest edit that clears a risk finding on a GCP grant or provider.

type Context = BindingContext<TGcpBindingSpec>;

/** A pool-wide grant becomes a grant to the workload's own subject (CLOUDS.md 3.7 principal://). */
export function gcpNarrowingFix(
  context: Context,
  finding: Finding,
): { spec: TGcpBindingSpec; summary: string } | null {
  const { spec, workload } = context;
  if (finding.rule !== "gcp-pool-wide-grant") return null;
  const { attributeName: _name, attributeValue: _value, member: _member, ...rest } = spec;
  return {
    spec: { ...rest, memberKind: "subject" },
    summary: `Grant the role to ${workload.name}'s subject, ${workload.subject}, instead of the whole pool.`,
  };
}

/**
 * A provider of a shared issuer with no condition gets one restricting it to
 * the owners (GitHub organisations, GitLab groups) its bound workloads belong
 * to (CLOUDS.md 3.4, 5.5). Null when none is known.
 */
export function gcpProviderConditionFix(
  config: TGcpProviderConfig,
  owners: string[],
): { config: TGcpProviderConfig; summary: string } | null {
  const shared = multiTenantIssuer(config.issuerUri);
  const [first] = owners;
  if (!shared || !first || owners.length > 1) return null;
  const condition = shared.exampleCondition(first);
  return {
    config: { ...config, attributeCondition: condition },
    summary: `Admit only tokens of ${first}: ${condition}.`,
  };
}
