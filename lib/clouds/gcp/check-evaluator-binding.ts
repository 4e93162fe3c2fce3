import {
  acceptedMembers,
  acceptedProviderResource,
  gcpProviderProblems,
  ZGcpEvaluatorBinding,
  ZGcpEvaluatorFields,
  ZGcpServiceAccountIamPolicy,
  type TGcpEvaluatorBinding,
  type TGcpServiceAccountIamPolicy,
} from "@/lib/clouds/gcp/evaluator-binding";
import {
  checkedByFields,
  hasOnlyKeys,
  parsedBy,
  rememberedTextList,
  rememberedTextRecord,
  rememberedValue,
  rememberingLastText,
} from "@/lib/schemas/accepted-fields";

// Checks a GCP evaluator binding as ZGcpEvaluatorBinding does, for the
// trust map's many bindings: the provider's fields (its issuer, audiences,
// mapping, condition) and the service account and role, which every binding
// on a provider repeats, are answered once per value; the provider's name
// (its problems remembered) and the members are read directly. Anything
// this reading does not accept is checked by the whole schema, so a refusal
// has its exact issues.

const fields = ZGcpEvaluatorFields.shape;
const fieldKeys = new Set(Object.keys(fields));
const providerResourceParsed = parsedBy(fields.poolProviderResource);
const poolProviderResource = rememberingLastText(
  (value) => acceptedProviderResource(value) ?? providerResourceParsed(value),
);
const issuerUri = rememberedValue(fields.issuerUri);
const allowedAudiences = rememberedTextList(fields.allowedAudiences);
const attributeMapping = rememberedTextRecord(fields.attributeMapping);
const attributeCondition = rememberedValue(fields.attributeCondition);
const disabled = rememberedValue(fields.disabled);
const poolDisabled = rememberedValue(fields.poolDisabled);

const policyFields = ZGcpServiceAccountIamPolicy.shape;
const policyKeys = new Set(Object.keys(policyFields));
const serviceAccount = rememberedValue(policyFields.serviceAccount);
const role = rememberedValue(policyFields.role);

/** The policy as the schema outputs it, when it accepts each field (a defaulted role included). */
function readPolicy(input: unknown): TGcpServiceAccountIamPolicy | undefined {
  if (!hasOnlyKeys(input, policyKeys)) return undefined;
  const policy = {
    serviceAccount: serviceAccount(input.serviceAccount),
    role: role(input.role),
    members: acceptedMembers(input.members),
  };
  if (policy.serviceAccount === undefined || policy.role === undefined) return undefined;
  return policy.members === undefined ? undefined : (policy as TGcpServiceAccountIamPolicy);
}

/**
 * The fields as the schema outputs them when it accepts each one: in the
 * shape's order, defaulted fields given their default, an absent policy
 * left out. Undefined for anything else, including a policy given as
 * undefined (the schema keeps its key).
 */
function readFields(input: unknown): Record<string, unknown> | undefined {
  if (!hasOnlyKeys(input, fieldKeys) || input.cloud !== "gcp") return undefined;
  const output: Record<string, unknown> = {
    cloud: "gcp",
    poolProviderResource: poolProviderResource(input.poolProviderResource),
    issuerUri: issuerUri(input.issuerUri),
    allowedAudiences: allowedAudiences(input.allowedAudiences),
    attributeMapping: attributeMapping(input.attributeMapping),
    attributeCondition: attributeCondition(input.attributeCondition),
    disabled: disabled(input.disabled),
    poolDisabled: poolDisabled(input.poolDisabled),
  };
  if (input.serviceAccountIamPolicy !== undefined) {
    output.serviceAccountIamPolicy = readPolicy(input.serviceAccountIamPolicy);
  } else if ("serviceAccountIamPolicy" in input) return undefined;
  for (const key in output) if (output[key] === undefined) return undefined;
  return output;
}

export const checkGcpEvaluatorBinding = checkedByFields<TGcpEvaluatorBinding>(
  ZGcpEvaluatorBinding,
  readFields,
  gcpProviderProblems,
);
