import {
  isNegatedOperator,
  type BaseOperator,
  type ConditionOperator,
} from "@/lib/clouds/aws/operators";
import {
  compileCondition,
  meaningOf,
  type CompiledKey,
} from "@/lib/clouds/aws/match/compiled-condition";
import type { ContextLookup } from "@/lib/clouds/aws/match/context-lookup";
import { lookupContextKey } from "@/lib/clouds/aws/match/request-context";
import {
  patternText,
  resolvePolicyValue,
  variablesVersion,
} from "@/lib/clouds/aws/match/policy-variables";
import { matchesUnits, patternUnits, type PatternUnit } from "@/lib/federation/wildcard";

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
  policyValues: string[];
  /** The request's values; undefined when the key is absent. */
  contextValues?: string[];
  lookup: ContextLookup;
  ok: boolean;
  /** The policy values after policy variables, as patterns (void ones left out). */
  patterns?: PatternUnit[][];
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

function unitsOf(policy: string | PatternUnit[]): PatternUnit[] {
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

function textOf(units: PatternUnit[]): string {
  let text = patternTexts.get(units);
  if (text === undefined) {
    text = patternText(units);
    patternTexts.set(units, text);
  }
  return text;
}

/** Whether one request value satisfies one policy value (text, or a pattern after variables) under the positive form of `base`. */
export function valueMatches(
  base: BaseOperator,
  policy: string | PatternUnit[],
  actual: string,
): boolean {
  const units = unitsOf(policy);
  const text = textOf(units);
  if (base.startsWith("String")) {
    if (base.endsWith("IgnoreCase")) return text.toLowerCase() === actual.toLowerCase();
    // CLOUDS.md 2.5: StringLike takes * and ?; under StringEquals they are literal.
    if (base.endsWith("Like")) return matchesUnits(units, actual);
    return text === actual;
  }
  if (base.startsWith("Arn")) return arnMatches(units, actual);
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
  policy: readonly (string | PatternUnit[])[],
  actual: string,
): boolean {
  return policy.some((value) => valueMatches(base, value, actual));
}

/** Applies an operator to the request's values (undefined: key absent). */
export function applyOperator(
  operator: ConditionOperator,
  policy: readonly (string | PatternUnit[])[],
  actual: string[] | undefined,
): boolean {
  const { base, setPrefix, ifExists } = operator;
  if (base === "Null") {
    // Null "true" asks for the key to be absent, "false" for it to be present.
    return policy.some(
      (value) => (patternText(unitsOf(value)).toLowerCase() === "true") === (actual === undefined),
    );
  }
  if (actual === undefined || actual.length === 0) {
    if (ifExists) return true;
    if (setPrefix === "ForAllValues") return true;
    if (setPrefix === "ForAnyValue") return false;
    return isNegatedOperator(base);
  }
  const negated = isNegatedOperator(base);
  if (setPrefix === "ForAllValues") {
    return actual.every((value) => anyPolicyValue(base, policy, value) !== negated);
  }
  if (setPrefix === "ForAnyValue") {
    return actual.some((value) => anyPolicyValue(base, policy, value) !== negated);
  }
  // No set operator: a value matches if any policy value does (OR); negated
  // operators NOR their values. A multivalued key here is read as "any".
  const hit = actual.some((value) => anyPolicyValue(base, policy, value));
  return negated ? !hit : hit;
}

function judge(
  { operator, key, policyValues, plainValues, plainPatterns, substitutes }: CompiledKey,
  lookup: ContextLookup,
  context: ConditionContext,
): Pick<ConditionResult, "ok" | "undecided" | "patterns"> {
  if (lookup.unknown) {
    // A key STS always sets is present, so Null is decided; a key STS sets
    // only for some requests (request-context.ts) leaves even Null open.
    if (operator.base === "Null" && !lookup.mayBeAbsent) {
      return { ok: applyOperator(operator, policyValues, [""]) };
    }
    return { ok: false, undecided: { key, ...(lookup.note ? { note: lookup.note } : {}) } };
  }
  if (plainPatterns) {
    return { ok: applyOperator(operator, plainPatterns, lookup.values), patterns: plainPatterns };
  }
  const version = substitutes ? context.version : undefined;
  const resolved = policyValues.map(
    (raw, index) =>
      plainValues[index] ??
      resolvePolicyValue(raw, version, (name) =>
        lookupContextKey(name, context.providerKey, context.claims, context.at),
      ),
  );
  const unknown = resolved.find((value) => value.kind === "unknown");
  if (unknown?.kind === "unknown") return { ok: false, undecided: { key: unknown.key } };
  const patterns = resolved.flatMap((value) => (value.kind === "pattern" ? [value.units] : []));
  return { ok: applyOperator(operator, patterns, lookup.values), patterns };
}

/** Every key of a statement's Condition block, evaluated against the request context. */
export function evaluateCondition(
  condition: unknown,
  context: ConditionContext,
): ConditionResult[] {
  if (typeof condition !== "object" || condition === null) return [];
  return compileCondition(condition).map((compiled) => {
    const { operatorName, operator, key, policyValues } = compiled;
    const lookup = lookupContextKey(
      key,
      context.providerKey,
      context.claims,
      context.at,
      meaningOf(compiled, context.providerKey),
    );
    return {
      operatorName,
      operator,
      key,
      policyValues,
      ...(lookup.values ? { contextValues: lookup.values } : {}),
      lookup,
      variables: context.version === variablesVersion && compiled.substitutes,
      ...judge(compiled, lookup, context),
    };
  });
}
