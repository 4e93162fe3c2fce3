import {
  isNegatedOperator,
  type BaseOperator,
  type ConditionOperator,
} from "@/lib/clouds/aws/operators";
import {
  compileCondition,
  meaningOf,
  type CompiledKey,
  type PolicyPattern,
} from "@/lib/clouds/aws/match/compiled-condition";
import type { ContextLookup } from "@/lib/clouds/aws/match/context-lookup";
import { lookupContextKey } from "@/lib/clouds/aws/match/request-context";
import {
  patternText,
  resolvePolicyValue,
  variablesVersion,
} from "@/lib/clouds/aws/match/policy-variables";
import {
  hasWildcard,
  matchesUnits,
  patternUnits,
  type PatternUnit,
} from "@/lib/federation/wildcard";

// IAM condition evaluation (CLOUDS.md 2.4, 2.5; IAM "Condition operators",
// "multiple context keys or values", "single-valued vs multivalued keys"):
// keys under one operator AND, values of one key OR (NOR for a negated
// operator); a missing key makes a positive operator false and a negated one
// true, except with …IfExists (true) and Null; ForAnyValue: needs one request
// value to match, ForAllValues: needs every one to and is true when the key is
// missing. A key whose presence Fedlens cannot know decides none of these.

export type ConditionResult = {
  operatorName: string;
  operator: ConditionOperator;
  key: string;
  /** `key` in lower case. */
  lowerKey: string;
  policyValues: string[];
  /** The request's values; undefined when the key is absent. */
  contextValues?: string[];
  lookup: ContextLookup;
  ok: boolean;
  /** The policy values after policy variables, as patterns (void ones left out); read-only. */
  patterns?: PolicyPattern[];
  /** Set when the outcome hangs on a key STS takes from the request, whose value (or presence) Fedlens is not told. */
  undecided?: { key: string; note?: string };
  /** Whether ${…} in the policy values was read as a policy variable. */
  variables: boolean;
};

/** What the request context is read from. */
export type ConditionContext = {
  providerKey: string;
  claims: Record<string, unknown>;
  at: Date;
  /** The policy's Version: policy variables exist only under 2012-10-17. */
  version?: string;
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

function unitsOf(policy: PolicyPattern): PatternUnit[] {
  if (typeof policy !== "string") return policy;
  return patternUnits(policy);
}

/** Splits at the first five ':' so the sixth component keeps the rest, colons included. */
function arnComponents<T>(items: T[], isColon: (item: T) => boolean): T[][] | undefined {
  const parts: T[][] = [[]];
  for (const item of items) {
    if (parts.length < 6 && isColon(item)) parts.push([]);
    else parts[parts.length - 1]?.push(item);
  }
  return parts.length === 6 ? parts : undefined;
}

// IAM "Condition operators", ARN condition operators: "Each of the six
// colon-delimited components of the ARN is checked separately and each can
// include multi-character match wildcards (*) or single-character match
// wildcards (?)", so a wildcard never spans a ':' before the resource part,
// and a value that is not an ARN matches nothing. ArnEquals behaves as ArnLike.
function arnMatches(policy: PatternUnit[], actual: string): boolean {
  const wanted = arnComponents(policy, (unit) => unit.char === ":");
  const given = arnComponents(Array.from(actual), (char) => char === ":");
  if (!wanted || !given || given[0]?.join("") !== "arn") return false;
  return wanted.every((component, index) => matchesUnits(component, given[index]?.join("") ?? ""));
}

// The same policy pattern meets every request value of every token.
const patternTexts = new WeakMap<PatternUnit[], string>();

function textOf(policy: PolicyPattern): string {
  if (typeof policy === "string") return policy;
  let text = patternTexts.get(policy);
  if (text === undefined) {
    text = patternText(policy);
    patternTexts.set(policy, text);
  }
  return text;
}

/** Whether one request value satisfies one policy value (text, or a pattern after variables) under the positive form of `base`. */
export function valueMatches(base: BaseOperator, policy: PolicyPattern, actual: string): boolean {
  if (base.startsWith("String")) {
    if (base.endsWith("IgnoreCase")) return textOf(policy).toLowerCase() === actual.toLowerCase();
    // CLOUDS.md 2.5: StringLike takes * and ?; under StringEquals they are literal.
    // A text without either matches only itself.
    if (base.endsWith("Like")) {
      return typeof policy === "string" && !hasWildcard(policy)
        ? policy === actual
        : matchesUnits(unitsOf(policy), actual);
    }
    return textOf(policy) === actual;
  }
  if (base.startsWith("Arn")) return arnMatches(unitsOf(policy), actual);
  const text = textOf(policy);
  if (base.startsWith("Numeric")) {
    return compareOrdered(base, toNumber(actual), toNumber(text));
  }
  if (base.startsWith("Date")) return compareOrdered(base, toTime(actual), toTime(text));
  if (base === "Bool") return text.toLowerCase() === actual.toLowerCase();
  // BinaryEquals and IP operators: no OIDC key holds such values; compare literally.
  return text === actual;
}

function anyPolicyValue(
  base: BaseOperator,
  policy: readonly PolicyPattern[],
  actual: string,
): boolean {
  for (const value of policy) {
    if (valueMatches(base, value, actual)) return true;
  }
  return false;
}

/** Applies an operator to the request's values (undefined: key absent). */
export function applyOperator(
  operator: ConditionOperator,
  policy: readonly PolicyPattern[],
  actual: string[] | undefined,
): boolean {
  const { base, setPrefix, ifExists } = operator;
  if (base === "Null") {
    // Null "true" asks for the key to be absent, "false" for it to be present.
    for (const value of policy) {
      if ((textOf(value).toLowerCase() === "true") === (actual === undefined)) return true;
    }
    return false;
  }
  if (actual === undefined || actual.length === 0) {
    if (ifExists) return true;
    if (setPrefix === "ForAllValues") return true;
    if (setPrefix === "ForAnyValue") return false;
    return isNegatedOperator(base);
  }
  const negated = isNegatedOperator(base);
  if (setPrefix === "ForAllValues") {
    for (const value of actual) {
      if (anyPolicyValue(base, policy, value) === negated) return false;
    }
    return true;
  }
  if (setPrefix === "ForAnyValue") {
    for (const value of actual) {
      if (anyPolicyValue(base, policy, value) !== negated) return true;
    }
    return false;
  }
  // No set operator: a value matches if any policy value does (OR); negated
  // operators NOR their values. A multivalued key here is read as "any".
  let hit = false;
  for (const value of actual) {
    if (anyPolicyValue(base, policy, value)) {
      hit = true;
      break;
    }
  }
  return negated ? !hit : hit;
}

/** Sets the result's ok, patterns and undecided for its key's values and the request. */
function judge(
  result: ConditionResult,
  { operator, key, policyValues, patterns: plainPatterns, plain, substitutes }: CompiledKey,
  lookup: ContextLookup,
  context: ConditionContext,
): void {
  if (lookup.unknown) {
    // A key STS always sets is present, so Null is decided; a key STS sets
    // only for some requests (request-context.ts) leaves even Null open.
    if (operator.base === "Null" && !lookup.mayBeAbsent) {
      result.ok = applyOperator(operator, policyValues, [""]);
    } else {
      result.undecided = { key, ...(lookup.note ? { note: lookup.note } : {}) };
    }
    return;
  }
  // Without `${`, or where ${…} is no variable, each value is its own pattern.
  const version = substitutes ? context.version : undefined;
  if (plain || version !== variablesVersion) {
    result.ok = applyOperator(operator, plainPatterns, lookup.values);
    result.patterns = plainPatterns;
    return;
  }
  // Every value is resolved, in order, whatever an earlier one gave: each reads its keys.
  const resolved = policyValues.map((raw, index) =>
    raw.includes("${")
      ? resolvePolicyValue(raw, version, (name) =>
          lookupContextKey(name, context.providerKey, context.claims, context.at),
        )
      : (plainPatterns[index] as PolicyPattern),
  );
  const patterns: PolicyPattern[] = [];
  for (const value of resolved) {
    if (typeof value === "string" || Array.isArray(value)) patterns.push(value);
    else if (value.kind === "unknown") {
      result.undecided = { key: value.key };
      return;
    } else if (value.kind === "pattern") patterns.push(value.units);
  }
  result.ok = applyOperator(operator, patterns, lookup.values);
  result.patterns = patterns;
}

/** Every key of a statement's Condition block, evaluated against the request context. */
export function evaluateCondition(
  condition: unknown,
  context: ConditionContext,
): ConditionResult[] {
  if (typeof condition !== "object" || condition === null) return [];
  const compiled = compileCondition(condition);
  const results: ConditionResult[] = [];
  for (const key of compiled) {
    const lookup = lookupContextKey(
      key.key,
      context.providerKey,
      context.claims,
      context.at,
      meaningOf(key, context.providerKey),
    );
    // One shape for every result, built by assignment: many per evaluation.
    const result: ConditionResult = {
      operatorName: key.operatorName,
      operator: key.operator,
      key: key.key,
      lowerKey: key.lowerKey,
      policyValues: key.policyValues,
      contextValues: lookup.values,
      lookup,
      variables: context.version === variablesVersion && key.substitutes,
      ok: false,
      patterns: undefined,
      undecided: undefined,
    };
    judge(result, key, lookup, context);
    results.push(result);
  }
  return results;
}
