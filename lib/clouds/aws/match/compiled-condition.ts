import { describeConditionKey, type ConditionKeyInfo } from "@/lib/clouds/aws/condition-keys";
import {
  parseConditionOperator,
  type BaseOperator,
  type ConditionOperator,
} from "@/lib/clouds/aws/operators";
import { claimStrings } from "@/lib/clouds/aws/match/request-context";
import type { ResolvedValue } from "@/lib/clouds/aws/match/policy-variables";
import { patternUnits, type PatternUnit } from "@/lib/federation/wildcard";

// A prepared binding judges many tokens against the same statements, so
// each Condition block is parsed (operators, keys, values, patterns) once
// and kept for as long as the statement object lives.

/** One key under one operator of a Condition block, read once per policy. */
export type CompiledKey = {
  operatorName: string;
  operator: ConditionOperator;
  key: string;
  policyValues: string[];
  /** A value without `${` reads the same under any version and request: its pattern, built once. */
  plainValues: (ResolvedValue | undefined)[];
  /** Every value's pattern, when no value has `${`; shared by every result, so read-only. */
  plainPatterns?: PatternUnit[][];
  /** Whether ${…} in the values can be a policy variable (substitutesVariables). */
  substitutes: boolean;
  /** What the key means, per provider key asked about (describeConditionKey); read-only. */
  meanings: Map<string, ConditionKeyInfo>;
};

// IAM policy elements: "Variables and tags", "Where you can use policy
// variables": in a Condition, variables work only with the string and ARN
// operators; under Numeric*, Date*, Bool, Binary and IP operators ${…} is
// literal text.
function substitutesVariables(base: BaseOperator): boolean {
  return base.startsWith("String") || base.startsWith("Arn");
}

const compiledConditions = new WeakMap<object, CompiledKey[]>();

function compileKey(operatorName: string, operator: ConditionOperator, key: string, raw: unknown) {
  const policyValues = claimStrings(raw) ?? [];
  const plainValues: (ResolvedValue | undefined)[] = policyValues.map((value) =>
    value.includes("${") ? undefined : { kind: "pattern", units: patternUnits(value) },
  );
  const plainPatterns = plainValues.every((value) => value?.kind === "pattern")
    ? plainValues.map((value) => (value as { units: PatternUnit[] }).units)
    : undefined;
  return {
    operatorName,
    operator,
    key,
    policyValues,
    plainValues,
    ...(plainPatterns ? { plainPatterns } : {}),
    substitutes: substitutesVariables(operator.base),
    meanings: new Map(),
  };
}

export function compileCondition(condition: object): CompiledKey[] {
  const cached = compiledConditions.get(condition);
  if (cached) return cached;
  const compiled: CompiledKey[] = [];
  for (const [operatorName, block] of Object.entries(condition)) {
    const parsed = parseConditionOperator(operatorName);
    if (!parsed.ok || typeof block !== "object" || block === null) continue;
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      compiled.push(compileKey(operatorName, parsed.operator, key, raw));
    }
  }
  compiledConditions.set(condition, compiled);
  return compiled;
}

/** describeConditionKey for this key, asked once per provider key. */
export function meaningOf(compiled: CompiledKey, providerKey: string): ConditionKeyInfo {
  let info = compiled.meanings.get(providerKey);
  if (!info) {
    info = describeConditionKey(compiled.key, providerKey);
    compiled.meanings.set(providerKey, info);
  }
  return info;
}
