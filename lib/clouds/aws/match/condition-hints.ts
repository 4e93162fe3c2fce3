import { isNegatedOperator } from "@/lib/clouds/aws/operators";
import type { ConditionResult } from "@/lib/clouds/aws/match/conditions";
import { githubSubjectHint, nearestValue, textNearMiss } from "@/lib/clouds/aws/match/near-miss";
import { googleProviderKey } from "@/lib/clouds/aws/match/request-context";
import { shorten } from "@/lib/clouds/aws/match/step";
import { hasWildcard, matchesWildcard } from "@/lib/federation/wildcard";

// What to tell an operator about one condition: the values it compared, in
// text the UI can diff, and why a near miss missed (CLOUDS.md 2.4, 2.5).

type Described = Pick<ConditionResult, "operatorName" | "key" | "policyValues">;

export function describeCondition(result: Described): string {
  return describeConditions([result], "");
}

/** describeCondition of each result, joined by `separator`, written into one string at once. */
export function describeConditions(results: readonly Described[], separator: string): string {
  const parts: string[] = [];
  for (const result of results) {
    if (parts.length > 0) parts.push(separator);
    parts.push(result.operatorName, " ", shorten(result.key, 70), " [");
    result.policyValues.forEach((value, index) => {
      parts.push(index > 0 ? ', "' : '"', shorten(value, 60), '"');
    });
    parts.push("]");
  }
  return parts.join("");
}

/** The policy value to show beside the token's, and the token's value, as text. */
export function comparedValues(result: ConditionResult): { expected: string; actual: string } {
  const actual = result.contextValues
    ? result.contextValues.length === 1
      ? (result.contextValues[0] as string)
      : JSON.stringify(result.contextValues)
    : "(absent)";
  if (result.operator.base === "Null") {
    const wantsAbsent = result.policyValues.some((value) => value.toLowerCase() === "true");
    return { expected: wantsAbsent ? "(absent)" : "(present)", actual };
  }
  const expected =
    nearestValue(result.policyValues, result.contextValues?.[0] ?? "") ??
    (result.policyValues.length ? "" : "(no value)");
  return { expected, actual };
}

function suffixOf(key: string): string {
  return key.slice(key.lastIndexOf(":") + 1).toLowerCase();
}

/** The first clause of a lookup note, without its closing full stop, e.g. "the token has no 'x' claim". */
function reasonOf(result: ConditionResult): string | undefined {
  const note = result.lookup.note;
  if (!note) return undefined;
  const clause = (note.split("; ")[0] ?? note).replace(/\.$/, "");
  return clause.replace(/^This /, "this ");
}

function absentHint(result: ConditionResult): string {
  const key = shorten(result.key, 70);
  const reason = reasonOf(result);
  const why = reason ? `: ${reason}` : "";
  if (result.operator.base === "Null") {
    return `Null requires ${key} to be present${why}.`;
  }
  if (suffixOf(result.key) === "environment" && reason?.startsWith("the token has no")) {
    // CLOUDS.md 2.4
    return `The token has no environment claim: only jobs that reference an environment carry one, so this condition refuses branch, tag and pull_request runs.`;
  }
  // CLOUDS.md 2.4
  return `${key} is missing from the request${why}; a missing key makes a positive condition false.`;
}

function presentHint(
  result: ConditionResult,
  claims: Record<string, unknown>,
  providerKey: string,
): string | undefined {
  const { base } = result.operator;
  const actual = result.contextValues?.[0] ?? "";
  const suffix = suffixOf(result.key);
  if (isNegatedOperator(base)) {
    // negated operators NOR their values, CLOUDS.md 2.5
    return `${result.operatorName} excludes the token's value ${shorten(actual, 60)} (negated operators NOR their values).`;
  }
  if (
    suffix === "aud" &&
    providerKey.toLowerCase() === googleProviderKey &&
    typeof claims.azp === "string" &&
    typeof claims.aud === "string" &&
    result.policyValues.includes(claims.aud)
  ) {
    // CLOUDS.md 2.4
    return `For a Google token with azp, accounts.google.com:aud is the azp (${shorten(claims.azp, 40)}), not the token's aud; test the aud with accounts.google.com:oaud.`;
  }
  const expected = nearestValue(result.policyValues, actual) ?? "";
  const like = base.endsWith("Like");
  const caseOnly = like
    ? matchesWildcard(expected.toLowerCase(), actual.toLowerCase())
    : expected.toLowerCase() === actual.toLowerCase();
  if (caseOnly) {
    // CLOUDS.md 2.5, configure-aws-credentials#1100
    return `The token's value differs from "${shorten(expected, 60)}" only in letter case, and ${base} is case-sensitive; GitHub's sub carries the canonical casing of the owner and repository.`;
  }
  if (
    !like &&
    base.startsWith("StringEquals") &&
    hasWildcard(expected) &&
    matchesWildcard(expected, actual)
  ) {
    // CLOUDS.md 2.5
    return `${base} compares literally, so '*' and '?' match only themselves; "${shorten(expected, 60)}" would match under StringLike.`;
  }
  if (suffix === "sub") {
    const github = githubSubjectHint(expected, actual, like);
    if (github) return github;
  }
  const near = textNearMiss(expected, actual, {
    expected: `the policy's "${shorten(expected, 60)}"`,
    actual: "the token's value",
  });
  if (near) return `Near miss: ${near}.`;
  if (result.contextValues && result.contextValues.length > 1 && !result.operator.setPrefix) {
    // CLOUDS.md 2.5
    return `${shorten(result.key, 70)} holds several values; write ForAnyValue: or ForAllValues: to say how they compare.`;
  }
  return undefined;
}

/** Why a condition that failed came close, or undefined. */
export function conditionHint(
  result: ConditionResult,
  claims: Record<string, unknown>,
  providerKey: string,
): string | undefined {
  if (!result.contextValues) return absentHint(result);
  if (result.operator.base === "Null") {
    return `Null "true" requires ${shorten(result.key, 70)} to be absent, and the token carries it.`;
  }
  return presentHint(result, claims, providerKey);
}

/** Conditions that held only because a key was missing: worth saying when the policy allows. */
export function vacuousNotes(results: ConditionResult[]): string[] {
  const notes: string[] = [];
  for (const result of results) {
    if (!result.ok || result.contextValues || result.operator.base === "Null") continue;
    const condition = `${result.operatorName} ${shorten(result.key, 70)}`;
    const reason = reasonOf(result);
    const why = reason ? ` (${reason})` : "";
    if (result.operator.setPrefix === "ForAllValues") {
      // CLOUDS.md 2.5, 5.3
      notes.push(
        `${condition} holds only because the key is missing${why}: ForAllValues: is true for a missing key.`,
      );
    } else if (result.operator.ifExists) {
      // CLOUDS.md 2.4
      notes.push(
        `${condition} holds only because the key is missing${why}: …IfExists is true for a missing key.`,
      );
    } else {
      // CLOUDS.md 2.4
      notes.push(
        `${condition} holds only because the key is missing${why}: a negated operator is true for a missing key.`,
      );
    }
  }
  return notes;
}
