import { checkAzureEvaluatorBinding } from "@/lib/clouds/azure/check-evaluator-binding";
import { azureAdmission } from "@/lib/clouds/azure/admission";
import { azureNarrowingFix } from "@/lib/clouds/azure/narrowing-fix";
import { azureBindingFindings } from "@/lib/clouds/azure/binding-findings";
import { ZAzureBindingSpec, type TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { uamiResourceId } from "@/lib/clouds/azure/ids";
import {
  azureAppIdentity,
  azureUamiIdentity,
  ZAzureAppConfig,
  ZAzureUamiConfig,
  type TAzureAppConfig,
  type TAzureUamiConfig,
} from "@/lib/clouds/azure/target-config";
import { noFindings } from "@/lib/catalog/findings";
import {
  normaliseAzureEvaluatorBinding,
  ZAzureEvaluatorBinding,
  type TAzureEvaluatorBinding,
} from "@/lib/clouds/azure/evaluator-binding";
import { evaluateAzureBinding } from "@/lib/clouds/azure/match";
import type {
  BindingContext,
  CloudCatalog,
  CloudEvaluator,
  PreparedEvaluation,
  TargetKindInfo,
} from "@/lib/clouds/types";

export const azureTargetKinds = {
  "azure-uami": {
    cloud: "azure",
    label: "Azure user-assigned managed identity",
    configSchema: ZAzureUamiConfig,
    identity: azureUamiIdentity,
    findings: noFindings,
  } satisfies TargetKindInfo<TAzureUamiConfig>,
  "azure-app": {
    cloud: "azure",
    label: "Azure app registration",
    configSchema: ZAzureAppConfig,
    identity: azureAppIdentity,
    findings: noFindings,
  } satisfies TargetKindInfo<TAzureAppConfig>,
};

function credentialBody(spec: TAzureBindingSpec) {
  return {
    issuer: spec.issuer,
    ...(spec.subject
      ? { subject: spec.subject }
      : { claimsMatchingExpression: spec.claimsMatchingExpression }),
    audiences: spec.audiences,
  };
}

/** The FIC as ARM (managed identity) or Microsoft Graph (application) holds it. */
function azureCloudObject({ spec, target }: BindingContext<TAzureBindingSpec>) {
  if (target.kind === "azure-uami") {
    const identityId = uamiResourceId(target.config as TAzureUamiConfig);
    return {
      id: `${identityId}/federatedIdentityCredentials/${spec.name}`,
      name: spec.name,
      type: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
      properties: credentialBody(spec),
    };
  }
  return {
    name: spec.name,
    ...credentialBody(spec),
    ...(spec.description ? { description: spec.description } : {}),
  };
}

export const azureCatalog: CloudCatalog<TAzureBindingSpec> = {
  cloud: "azure",
  label: "Azure",
  bindingSpecSchema: ZAzureBindingSpec,
  bindingFindings: azureBindingFindings,
  narrowingFix: azureNarrowingFix,
  bindingLookup: ({ spec }) => ({
    name: spec.name,
    issuerUrl: spec.issuer,
    subject: spec.subject ?? spec.claimsMatchingExpression?.value ?? "",
  }),
  cloudObject: azureCloudObject,
  evaluatorBinding: ({ spec, target }) => {
    // Assigned, not spread: one per binding of a trust map.
    const binding: Record<string, unknown> = {
      cloud: "azure",
      target: target.kind === "azure-uami" ? "userAssignedIdentity" : "application",
      name: spec.name,
      issuer: spec.issuer,
      audiences: spec.audiences,
    };
    if (spec.subject) binding.subject = spec.subject;
    else binding.claimsMatchingExpression = spec.claimsMatchingExpression;
    return binding;
  },
};

export const azureEvaluator: CloudEvaluator = {
  cloud: "azure",
  bindingSchema: ZAzureEvaluatorBinding,
  checkBinding: checkAzureEvaluatorBinding,
  evaluate: (input) => prepareAzure(input.binding)(input),
  prepare: prepareAzure,
  admission: azureAdmission,
};

function prepareAzure(binding: unknown): PreparedEvaluation {
  const normalised = normaliseAzureEvaluatorBinding(binding as TAzureEvaluatorBinding);
  return (input) => evaluateAzureBinding(normalised, input);
}
