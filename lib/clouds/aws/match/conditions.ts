import {
  isNegatedOperator,
  parseConditionOperator,
  type BaseOperator,
  type ConditionOperator,
} from "@/lib/clouds/aws/operators";
import {
  claimStrings,
  lookupContextKey,
  type ContextLookup,
} from "@/lib/clouds/aws/match/request-context";
import { matchesWildcard } from "@/lib/federation/wildcard";

// IAM condition evaluation (CLOUDS.md 2.4, 2.5; IAM "Condition operators",
// "multiple context keys or values", "single-valued vs multivalued keys"):
// keys under one operator AND, values of one key OR (NOR for a negated
// operator); a missing key makes a positive operator false and a negated one
// true, except with …IfExists (true) and Null; ForAnyValue: needs one request
// value to match, ForAllValues: needs every one to and is true when the key is
// missing.

export type ConditionResult = {
  operatorName: string;
  operator: ConditionOperator;
  key: string;
  policyValues: string[];
  /** The request's values; undefined when the key is absent. */
  contextValues?: string[];
  lookup: ContextLookup;
  ok: boolean;
};

function toNumber(text: string): number {
  return text.trim() === "" ? NaN : Number(text);
}

function toTime(text: string): number {
  // IAM Date operators take ISO 8601 or epoch seconds.
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  return Date.parse(text);
}

function compareOrdered(base: string, a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (base.endsWith("LessThanEquals")) return a <= b;
  if (base.endsWith("LessThan")) return a < b;
  if (base.endsWith("GreaterThanEquals")) return a >= b;
  if (base.endsWith("GreaterThan")) return a > b;
  return a === b;
}

/** Whether one request value satisfies one policy value under the positive form of `base`. */
export function valueMatches(base: BaseOperator, policy: string, actual: string): boolean {
  if (base.startsWith("String")) {
    if (base.endsWith("IgnoreCase")) return policy.toLowerCase() === actual.toLowerCase();
    // CLOUDS.md 2.5: StringLike takes * and ?; under StringEquals they are literal.
    if (base.endsWith("Like")) return matchesWildcard(policy, actual);
    return policy === actual;
  }
  // IAM: ArnEquals behaves like ArnLike (wildcards allowed).
  if (base.startsWith("Arn")) return matchesWildcard(policy, actual);
  if (base.startsWith("Numeric")) {
    return compareOrdered(base, toNumber(actual), toNumber(policy));
  }
  if (base.startsWith("Date")) return compareOrdered(base, toTime(actual), toTime(policy));
  if (base === "Bool") return policy.toLowerCase() === actual.toLowerCase();
  // BinaryEquals and IP operators: no OIDC key holds such values; compare literally.
  return policy === actual;
}

function anyPolicyValue(base: BaseOperator, policy: string[], actual: string): boolean {
  return policy.some((value) => valueMatches(base, value, actual));
}

/** Applies an operator to the request's values (undefined: key absent). */
export function applyOperator(
  operator: ConditionOperator,
  policy: string[],
  actual: string[] | undefined,
): boolean {
  const { base, setPrefix, ifExists } = operator;
  if (base === "Null") {
    // Null "true" asks for the key to be absent, "false" for it to be present.
    return policy.some((value) => (value.toLowerCase() === "true") === (actual === undefined));
  }
  if (actual === undefined || actual.length === 0) {
    if (ifExists) return true;
    if (setPrefix === "ForAllValues") return true;
    if (setPrefix === "ForAnyValue") return false;
    return isNegatedOperator(base);
  }
  const negated = isNegatedOperator(base);
  const hit = (value: string) => anyPolicyValue(base, policy, value);
  if (setPrefix === "ForAllValues") {
    return actual.every((value) => (negated ? !hit(value) : hit(value)));
  }
  if (setPrefix === "ForAnyValue") {
    return actual.some((value) => (negated ? !hit(value) : hit(value)));
  }
  // No set operator: a value matches if any policy value does (OR); negated
  // operators NOR their values. A multivalued key here is read as "any".
  return negated ? !actual.some(hit) : actual.some(hit);
}

/** Every key of a statement's Condition block, evaluated against the token. */
export function evaluateCondition(
  condition: unknown,
  providerKey: string,
  claims: Record<string, unknown>,
  at: Date,
): ConditionResult[] {
  if (typeof condition !== "object" || condition === null) return [];
  const results: ConditionResult[] = [];
  for (const [operatorName, block] of Object.entries(condition)) {
    const parsed = parseConditionOperator(operatorName);
    if (!parsed.ok || typeof block !== "object" || block === null) continue;
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const policyValues = claimStrings(raw) ?? [];
      const lookup = lookupContextKey(key, providerKey, claims, at);
      results.push({
        operatorName,
        operator: parsed.operator,
        key,
        policyValues,
        ...(lookup.values ? { contextValues: lookup.values } : {}),
        lookup,
        ok: applyOperator(parsed.operator, policyValues, lookup.values),
      });
    }
  }
  return results;
}
