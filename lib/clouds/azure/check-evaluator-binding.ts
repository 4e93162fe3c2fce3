import {
  acceptedClaimsExpression,
  azureBindingProblems,
  ZAzureEvaluatorBinding,
  ZAzureEvaluatorFields,
  type TAzureEvaluatorBinding,
} from "@/lib/clouds/azure/evaluator-binding";
import { ficFieldMaxLength } from "@/lib/clouds/azure/fic-limits";
import { ficNamePattern } from "@/lib/clouds/azure/fic-name";
import {
  checkedByFields,
  hasOnlyKeys,
  parsedBy,
  rememberedTextList,
  rememberedValue,
} from "@/lib/schemas/accepted-fields";

// Checks an Azure evaluator binding as ZAzureEvaluatorBinding does, for the
// trust map's many bindings: the issuer and audience every credential of an
// issuer repeats are answered once; each credential's own name, subject or
// expression is read directly. Anything this reading does not accept is
// checked by the whole schema, so a refusal has its exact issues.

const fields = ZAzureEvaluatorFields.shape;
const fieldKeys = new Set(Object.keys(fields));
const target = rememberedValue(fields.target);
const issuer = rememberedValue(fields.issuer, { maxKeyLength: ficFieldMaxLength });
const audiences = rememberedTextList(fields.audiences);
const nameParsed = parsedBy(fields.name);
const subjectParsed = parsedBy(fields.subject);
const expressionParsed = parsedBy(fields.claimsMatchingExpression);

/** A name of ARM's pattern is one ZFicName accepts as it is; any other is read by the schema. */
function name(value: unknown): unknown {
  return typeof value === "string" && ficNamePattern.test(value) ? value : nameParsed(value);
}

/**
 * A subject as ZFicSubject (fic-limits.ts, ficField) accepts one as it is:
 * 1–600 characters, nothing to trim. Any other is read by the schema.
 */
function subject(value: unknown): unknown {
  const isExact =
    typeof value === "string" &&
    value.length >= 1 &&
    value.length <= ficFieldMaxLength &&
    value.trim() === value;
  return isExact ? value : subjectParsed(value);
}

function claimsMatchingExpression(value: unknown): unknown {
  return acceptedClaimsExpression(value) ?? expressionParsed(value);
}

/**
 * One credential's fields as the schema outputs them when it accepts each
 * one, in the shape's order, absent ones left out. Undefined for anything
 * else: a list of credentials, a description, or an optional field given
 * as undefined (the schema keeps its key) is left to the whole schema.
 */
function readFields(input: unknown): Record<string, unknown> | undefined {
  if (!hasOnlyKeys(input, fieldKeys) || input.cloud !== "azure") return undefined;
  if ("description" in input || "federatedIdentityCredentials" in input) return undefined;
  const output: Record<string, unknown> = { cloud: "azure" };
  if (input.target !== undefined) {
    if ((output.target = target(input.target)) === undefined) return undefined;
  } else if ("target" in input) return undefined;
  if ((output.name = name(input.name)) === undefined) return undefined;
  if ((output.issuer = issuer(input.issuer)) === undefined) return undefined;
  if ((output.audiences = audiences(input.audiences)) === undefined) return undefined;
  if (input.subject !== undefined) {
    if ((output.subject = subject(input.subject)) === undefined) return undefined;
  } else if ("subject" in input) return undefined;
  if (input.claimsMatchingExpression !== undefined) {
    output.claimsMatchingExpression = claimsMatchingExpression(input.claimsMatchingExpression);
    if (output.claimsMatchingExpression === undefined) return undefined;
  } else if ("claimsMatchingExpression" in input) return undefined;
  return output;
}

export const checkAzureEvaluatorBinding = checkedByFields<TAzureEvaluatorBinding>(
  ZAzureEvaluatorBinding,
  readFields,
  azureBindingProblems,
);
