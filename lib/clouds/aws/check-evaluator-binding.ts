import {
  awsBindingProblems,
  isRoleArn,
  ZAwsEvaluatorBinding,
  ZAwsEvaluatorFields,
  type TAwsEvaluatorBinding,
} from "@/lib/clouds/aws/evaluator-binding";
import {
  checkedByFields,
  hasOnlyKeys,
  parsedBy,
  plainRecordCopy,
  rememberedTextList,
  rememberedValue,
  rememberingLastText,
} from "@/lib/schemas/accepted-fields";

// Checks an AWS evaluator binding as ZAwsEvaluatorBinding does, for the
// trust map's many bindings: an account's provider URL, client ids and
// thumbprints recur in every binding on them, so their fields' answers are
// remembered; a role's ARN is matched, the trust policy copied and its
// problems found as the schema does. Anything this reading does not accept
// is checked by the whole schema, so a refusal has its exact issues.

const fields = ZAwsEvaluatorFields.shape;
const fieldKeys = new Set(Object.keys(fields));
// IAM's limits bound the remembered texts (CLOUDS.md 2.1).
const providerUrl = rememberedValue(fields.providerUrl, { maxKeyLength: 255 });
const clientIds = rememberedTextList(fields.clientIds);
const thumbprints = rememberedTextList(fields.thumbprints);
const roleArnParsed = parsedBy(fields.roleArn);
// Each role has its ARN, given by every binding on it: matched directly,
// anything else read by the schema.
const roleArn = rememberingLastText((value) => (isRoleArn(value) ? value : roleArnParsed(value)));
const trustPolicyRaw = parsedBy(fields.trustPolicyRaw);
// Most accounts' lists are short and repeat; an empty one is a list of texts.
const additionalProviders = rememberedTextList(fields.additionalProviders);

/**
 * The fields as the schema outputs them when it accepts each one: in the
 * shape's order, absent optional fields left out. Undefined for anything
 * else, including an optional field given as undefined (the schema keeps
 * its key).
 */
function readFields(input: unknown): Record<string, unknown> | undefined {
  if (!hasOnlyKeys(input, fieldKeys) || input.cloud !== "aws") return undefined;
  const output: Record<string, unknown> = { cloud: "aws" };
  if (input.providerUrl !== undefined) {
    if ((output.providerUrl = providerUrl(input.providerUrl)) === undefined) return undefined;
  } else if ("providerUrl" in input) return undefined;
  if (input.clientIds !== undefined) {
    if ((output.clientIds = clientIds(input.clientIds)) === undefined) return undefined;
  } else if ("clientIds" in input) return undefined;
  if (input.thumbprints !== undefined) {
    if ((output.thumbprints = thumbprints(input.thumbprints)) === undefined) return undefined;
  } else if ("thumbprints" in input) return undefined;
  if ((output.roleArn = roleArn(input.roleArn)) === undefined) return undefined;
  if (input.trustPolicy !== undefined) {
    if ((output.trustPolicy = plainRecordCopy(input.trustPolicy)) === undefined) return undefined;
  } else if ("trustPolicy" in input) return undefined;
  if (input.trustPolicyRaw !== undefined) {
    if ((output.trustPolicyRaw = trustPolicyRaw(input.trustPolicyRaw)) === undefined) {
      return undefined;
    }
  } else if ("trustPolicyRaw" in input) return undefined;
  if (input.additionalProviders !== undefined) {
    output.additionalProviders = additionalProviders(input.additionalProviders);
    if (output.additionalProviders === undefined) return undefined;
  } else if ("additionalProviders" in input) return undefined;
  return output;
}

export const checkAwsEvaluatorBinding = checkedByFields<TAwsEvaluatorBinding>(
  ZAwsEvaluatorBinding,
  readFields,
  awsBindingProblems,
);
