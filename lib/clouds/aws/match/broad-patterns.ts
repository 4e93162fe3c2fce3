import type { PolicyPattern } from "@/lib/clouds/aws/match/compiled-condition";
import type { ConditionResult } from "@/lib/clouds/aws/match/conditions";
import { wildcardView } from "@/lib/clouds/aws/match/policy-variables";
import {
  broadSubjectPatternReason,
  hasWildcard,
  matchesUnits,
  matchesWildcard,
  type PatternUnit,
} from "@/lib/federation/wildcard";

// A sub condition that pins the workload only with a wildcard pattern such
// as repo:org/* (CLOUDS.md 5.2). Literal * and ? (${*}, ${?} under policy
// variables) widen nothing, so a pattern is judged by its wildcard view.

export type SubjectPatternReason = { pattern: string; reason: string };

// Each pattern of a prepared binding's statement meets many tokens.
const patternViews = new WeakMap<PatternUnit[], string>();

/** wildcardView of a pattern; a text's every `*` and `?` is a wildcard, so it is its own view. */
function viewOf(pattern: PolicyPattern): string {
  if (typeof pattern === "string") return pattern;
  let view = patternViews.get(pattern);
  if (view === undefined) {
    view = wildcardView(pattern);
    patternViews.set(pattern, view);
  }
  return view;
}

function patternMatches(pattern: PolicyPattern, actual: string): boolean {
  if (typeof pattern !== "string") return matchesUnits(pattern, actual);
  return hasWildcard(pattern) ? matchesWildcard(pattern, actual) : pattern === actual;
}

/**
 * The first of the sub condition's patterns that match the token's value,
 * with why it is broad; undefined unless every matching pattern is broad
 * (and at least one matches).
 */
export function subjectPatternReason(result: ConditionResult): SubjectPatternReason | undefined {
  if (!result.lowerKey.endsWith(":sub")) return undefined;
  const actual = result.contextValues?.[0] ?? "";
  let first: SubjectPatternReason | undefined;
  for (const pattern of result.patterns ?? []) {
    if (!patternMatches(pattern, actual)) continue;
    const view = viewOf(pattern);
    const reason = broadSubjectPatternReason(view);
    if (reason === undefined) return undefined;
    first ??= { pattern: view, reason };
  }
  return first;
}
