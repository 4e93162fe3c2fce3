import type { Finding, Findings } from "@/lib/catalog/findings";
import { noFindings } from "@/lib/catalog/findings";
import type { TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import {
  principalForSubject,
  principalSetForAttribute,
  principalSetForPool,
} from "@/lib/clouds/gcp/principals";
import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import type { BindingContext } from "@/lib/clouds/types";

type Context = BindingContext<TGcpBindingSpec>;

/** Derives the principal or principalSet from the workload (CLOUDS.md 3.7). */
export function normalizeGcpSpec(context: Context): { spec: TGcpBindingSpec; findings: Findings } {
  const { spec, workload } = context;
  const config = context.target.config as TGcpProviderConfig;
  const member =
    spec.memberKind === "subject"
      ? principalForSubject(config, workload.subject)
      : spec.memberKind === "attribute"
        ? principalSetForAttribute(config, spec.attributeName ?? "", spec.attributeValue ?? "")
        : principalSetForPool(config);
  return { spec: { ...spec, member }, findings: noFindings() };
}

export function gcpBindingFindings(context: Context): Findings {
  const { spec, workload, issuer, siblings } = context;
  const config = context.target.config as TGcpProviderConfig;
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const duplicate = siblings.find((sibling) => {
    const other = sibling.spec as TGcpBindingSpec;
    return (
      other.member === spec.member &&
      other.serviceAccountEmail === spec.serviceAccountEmail &&
      other.role === spec.role
    );
  });
  if (duplicate)
    errors.push({
      path: "spec.memberKind",
      message: `Binding "${duplicate.name}" already grants this member this role on the service account.`,
    });
  if (siblings.some((sibling) => sibling.name === spec.name)) {
    errors.push({ path: "spec.name", message: "Another binding on this provider has this name." });
  }
  if (config.issuerUri !== issuer.issuerUrl) {
    warnings.push({
      path: "spec",
      message: `This provider trusts ${config.issuerUri}; tokens from ${workload.name} carry iss ${issuer.issuerUrl}, so STS would answer invalid_grant.`,
    });
  }
  if (spec.memberKind === "pool") {
    warnings.push({
      path: "spec.memberKind",
      message:
        // CLOUDS.md 5.5
        "Every identity the provider admits can impersonate this service account; bind a subject or an attribute instead.",
      rule: "gcp-pool-wide-grant",
    });
  }
  if (
    spec.memberKind === "attribute" &&
    !(`attribute.${spec.attributeName}` in config.attributeMapping)
  ) {
    warnings.push({
      path: "spec.attributeName",
      // CLOUDS.md 3.3
      message: `The provider does not map attribute.${spec.attributeName}; an attribute must be mapped before IAM can match it.`,
    });
  }
  if (spec.memberKind === "subject") {
    if (config.attributeMapping["google.subject"] !== "assertion.sub") {
      warnings.push({
        path: "spec.memberKind",
        message:
          "google.subject is not mapped from assertion.sub on this provider, so the principal's subject may not be the token's sub.",
      });
    }
    // CLOUDS.md 3.3: the mapped google.subject must not exceed 127 bytes.
    if (new TextEncoder().encode(workload.subject).length > 127) {
      warnings.push({
        path: "spec.memberKind",
        message: `${workload.name}'s sub is over 127 bytes; STS rejects a google.subject that long (invalid_request). Map a shorter value or bind an attribute.`,
      });
    }
  }
  if (config.disabled)
    warnings.push({ path: "spec", message: "The provider is disabled: it admits no new tokens." });
  return { errors, warnings };
}
