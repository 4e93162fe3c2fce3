import {
  parseConditionOperator,
  type BaseOperator,
  type ConditionOperator,
} from "@/lib/clouds/aws/operators";
import { claimStrings, meaningFor, type KeyMeaning } from "@/lib/clouds/aws/match/request-context";
import { hasWildcard, patternUnits, type PatternUnit } from "@/lib/federation/wildcard";
import { recentObjects } from "@/lib/recent-objects";

// A prepared binding judges many tokens against the same statements, so
// each Condition block is parsed (operators, keys, values) once and kept
// while it is in use.

/** A policy value as a pattern: a text's every `*` and `?` is a wildcard; units say which are. */
export type PolicyPattern = string | PatternUnit[];

/** One key under one operator of a Condition block, read once per policy. */
export type CompiledKey = {
  operatorName: string;
  operator: ConditionOperator;
  key: string;
  /** `key` in lower case: condition key names ignore case (IAM "Condition" element). */
  lowerKey: string;
  policyValues: string[];
  /**
   * Each value as a pattern when ${…} is no variable: one with a `*` or `?`
   * as units (every one a wildcard), built once; any other as its text.
   * Shared by every result, so read-only.
   */
  patterns: PolicyPattern[];
  /** No value has `${`: every value reads the same under any version and request. */
  plain: boolean;
  /** Whether ${…} in the values can be a policy variable (substitutesVariables). */
  substitutes: boolean;
  /** The provider key asked about last, and what the key means for it (meaningFor); read-only. */
  meaningProvider?: string;
  meaning?: KeyMeaning;
};

// IAM policy elements: "Variables and tags", "Where you can use policy
// variables": in a Condition, variables work only with the string and ARN
// operators; under Numeric*, Date*, Bool, Binary and IP operators ${…} is
// literal text.
function substitutesVariables(base: BaseOperator): boolean {
  return base.startsWith("String") || base.startsWith("Arn");
}

// By the Condition object, which is the binding's own (its row's): a
// prepared binding judges its tokens one after another, through its own
// statement and, when its role's other statements can refuse, the whole
// policy's. A trust policy holds at most 4,096 characters (CLOUDS.md 2.6),
// so a few dozen statements: the last 64 Conditions are kept, enough for a
// whole policy judged token after token. Remembering every Condition for as
// long as its row lived made a 100k-binding trust map build ~2% slower
// (alternating runs, 2026-12-07) and the map keep 27 MB more (a compiled
// Condition per AWS binding).
const compiledConditions = recentObjects<object, CompiledKey[]>(64);

function compileKey(
  operatorName: string,
  operator: ConditionOperator,
  key: string,
  raw: unknown,
): CompiledKey {
  const policyValues = claimStrings(raw) ?? [];
  let wild = false;
  let plain = true;
  for (const value of policyValues) {
    wild ||= hasWildcard(value);
    plain &&= !value.includes("${");
  }
  return {
    operatorName,
    operator,
    key,
    lowerKey: key.toLowerCase(),
    policyValues,
    // Values without a wildcard are their own patterns: the list itself, shared.
    patterns: wild
      ? policyValues.map((value) => (hasWildcard(value) ? patternUnits(value) : value))
      : policyValues,
    plain,
    substitutes: substitutesVariables(operator.base),
    meaningProvider: undefined,
    meaning: undefined,
  };
}

export function compileCondition(condition: object): CompiledKey[] {
  const cached = compiledConditions.get(condition);
  if (cached) return cached;
  const compiled: CompiledKey[] = [];
  const blocks = condition as Record<string, unknown>;
  for (const operatorName of Object.keys(blocks)) {
    const block = blocks[operatorName];
    const parsed = parseConditionOperator(operatorName);
    if (!parsed.ok || typeof block !== "object" || block === null) continue;
    const values = block as Record<string, unknown>;
    for (const key of Object.keys(values)) {
      compiled.push(compileKey(operatorName, parsed.operator, key, values[key]));
    }
  }
  compiledConditions.set(condition, compiled);
  return compiled;
}

/** meaningFor this key; a prepared binding asks about the same provider token after token. */
export function meaningOf(compiled: CompiledKey, providerKey: string): KeyMeaning {
  if (compiled.meaning === undefined || compiled.meaningProvider !== providerKey) {
    compiled.meaning = meaningFor(compiled.key, providerKey);
    compiled.meaningProvider = providerKey;
  }
  return compiled.meaning;
}
