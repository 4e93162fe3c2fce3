import { gcpAdmission } from "@/lib/clouds/gcp/admission";
import { checkGcpEvaluatorBinding } from "@/lib/clouds/gcp/check-evaluator-binding";
import { gcpNarrowingFix, gcpProviderConditionFix } from "@/lib/clouds/gcp/narrowing-fix";
import { gcpBindingFindings, normalizeGcpSpec } from "@/lib/clouds/gcp/binding-findings";
import { ZGcpBindingSpec, type TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { providerResourceName } from "@/lib/clouds/gcp/principals";
import {
  gcpProviderFindings,
  gcpProviderIdentity,
  ZGcpProviderConfig,
  type TGcpProviderConfig,
} from "@/lib/clouds/gcp/target-config";
import {
  normaliseGcpEvaluatorBinding,
  ZGcpEvaluatorBinding,
  type TGcpEvaluatorBinding,
} from "@/lib/clouds/gcp/evaluator-binding";
import { evaluateGcpBinding } from "@/lib/clouds/gcp/match";
import type {
  BindingContext,
  CloudCatalog,
  CloudEvaluator,
  PreparedEvaluation,
  TargetKindInfo,
} from "@/lib/clouds/types";

export const gcpTargetKinds = {
  "gcp-provider": {
    cloud: "gcp",
    label: "GCP workload identity pool provider",
    configSchema: ZGcpProviderConfig,
    identity: gcpProviderIdentity,
    findings: gcpProviderFindings,
    narrowingFix: (config, finding, bound) =>
      finding.rule === "gcp-provider-no-condition"
        ? gcpProviderConditionFix(config, bound.owners)
        : null,
  } satisfies TargetKindInfo<TGcpProviderConfig>,
};

/** The provider as IAM holds it, and the service account's policy binding with every member Fedlens knows of. */
function gcpCloudObject(context: BindingContext<TGcpBindingSpec>) {
  return withCloudObject({}, context);
}

// Fields assigned in order onto `into`, so the evaluator's binding can lead
// with `cloud` without a second copy of the object (one per binding of a map).
function withCloudObject(
  into: Record<string, unknown>,
  { spec, target, siblings }: BindingContext<TGcpBindingSpec>,
): Record<string, unknown> {
  const config = target.config as TGcpProviderConfig;
  const members: string[] = [];
  for (const sibling of siblings) {
    const other = sibling.spec as TGcpBindingSpec;
    const sameGrant =
      other.serviceAccountEmail === spec.serviceAccountEmail && other.role === spec.role;
    if (sameGrant && other.member) members.push(other.member);
  }
  if (spec.member) members.push(spec.member);
  into.poolProviderResource = providerResourceName(config);
  into.issuerUri = config.issuerUri;
  into.allowedAudiences = config.allowedAudiences;
  into.attributeMapping = config.attributeMapping;
  into.attributeCondition = config.attributeCondition;
  into.disabled = config.disabled;
  // Rows saved before poolDisabled existed lack it; the evaluator defaults it.
  if (config.poolDisabled) into.poolDisabled = true;
  into.serviceAccountIamPolicy = {
    serviceAccount: spec.serviceAccountEmail,
    role: spec.role,
    members: [...new Set(members)].sort(),
  };
  return into;
}

/** A grant trusts whatever issuer its provider trusts. */
function providerIssuerUri(config: unknown): string {
  return (config as TGcpProviderConfig).issuerUri;
}

export const gcpCatalog: CloudCatalog<TGcpBindingSpec> = {
  cloud: "gcp",
  label: "GCP",
  bindingSpecSchema: ZGcpBindingSpec,
  normalizeSpec: normalizeGcpSpec,
  bindingFindings: gcpBindingFindings,
  narrowingFix: gcpNarrowingFix,
  bindingLookup: ({ spec, target }) => ({
    name: spec.name,
    issuerUrl: providerIssuerUri(target.config),
    subject: spec.member ?? "",
  }),
  targetIssuerUrl: providerIssuerUri,
  cloudObject: gcpCloudObject,
  evaluatorBinding: (context) => withCloudObject({ cloud: "gcp" }, context),
};

export const gcpEvaluator: CloudEvaluator = {
  cloud: "gcp",
  bindingSchema: ZGcpEvaluatorBinding,
  checkBinding: checkGcpEvaluatorBinding,
  evaluate: (input) => prepareGcp(input.binding)(input),
  prepare: prepareGcp,
  admission: gcpAdmission,
};

function prepareGcp(binding: unknown): PreparedEvaluation {
  const normalised = normaliseGcpEvaluatorBinding(binding as TGcpEvaluatorBinding);
  return (input) => evaluateGcpBinding(normalised, input);
}
