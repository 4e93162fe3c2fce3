import type { ContextLookup } from "@/lib/clouds/aws/match/request-context";

// Condition values as IAM reads them (IAM policy elements: "Variables and
// tags", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
// under Version "2012-10-17", ${key} is the request's value for key and
// ${key, 'default'} falls back to default ('' is one quote); ${*}, ${?} and
// ${$} are the literal characters, so they never act as wildcards. A key with
// no value leaves "no equal or like value", so that policy value matches
// nothing. Under "2008-10-17" (or no Version) ${…} is plain text.

/** One character of a condition value; `wild` only for a `*` or `?` the policy means as a wildcard. */
export type PatternUnit = { char: string; wild: boolean };

export type ResolvedValue =
  { kind: "pattern"; units: PatternUnit[] } | { kind: "void" } | { kind: "unknown"; key: string };

export const variablesVersion = "2012-10-17";

function plain(text: string): PatternUnit[] {
  return Array.from(text, (char) => ({ char, wild: char === "*" || char === "?" }));
}

function literal(text: string): PatternUnit[] {
  return Array.from(text, (char) => ({ char, wild: false }));
}

const variablePattern = /^\s*([^\s,'{}]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;

/** The policy value with its variables replaced from the request context. */
export function resolvePolicyValue(
  raw: string,
  version: string | undefined,
  lookup: (key: string) => ContextLookup,
): ResolvedValue {
  if (version !== variablesVersion || !raw.includes("${")) {
    return { kind: "pattern", units: plain(raw) };
  }
  const units: PatternUnit[] = [];
  let rest = raw;
  for (let start = rest.indexOf("${"); start >= 0; start = rest.indexOf("${")) {
    const end = rest.indexOf("}", start + 2);
    if (end < 0) break;
    units.push(...plain(rest.slice(0, start)));
    const body = rest.slice(start + 2, end);
    rest = rest.slice(end + 1);
    if (body === "*" || body === "?" || body === "$") {
      units.push(...literal(body));
      continue;
    }
    const parsed = variablePattern.exec(body);
    if (!parsed) return { kind: "void" };
    const [, key = "", fallback] = parsed;
    const found = lookup(key);
    if (found.unknown) return { kind: "unknown", key };
    // A multivalued key has no single value to substitute.
    const value = found.values?.length === 1 ? found.values[0] : undefined;
    if (value !== undefined) units.push(...literal(value));
    else if (fallback !== undefined) units.push(...literal(fallback.replace(/''/g, "'")));
    else return { kind: "void" };
  }
  units.push(...plain(rest));
  return { kind: "pattern", units };
}

export function patternText(units: PatternUnit[]): string {
  return units.map((unit) => unit.char).join("");
}

/** Glob match (`*` any run, `?` one character) over units; iterative, so no backtracking blow-up. */
export function matchesUnits(pattern: PatternUnit[], value: string): boolean {
  const chars = Array.from(value);
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let starMatchedTo = 0;
  while (vi < chars.length) {
    const unit = pattern[pi];
    if (unit?.wild && unit.char === "*") {
      starAt = pi;
      starMatchedTo = vi;
      pi += 1;
    } else if (
      unit !== undefined &&
      ((unit.wild && unit.char === "?") || unit.char === chars[vi])
    ) {
      pi += 1;
      vi += 1;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      starMatchedTo += 1;
      vi = starMatchedTo;
    } else {
      return false;
    }
  }
  while (pattern[pi]?.wild && pattern[pi]?.char === "*") pi += 1;
  return pi === pattern.length;
}

/** A text whose `*`/`?` are exactly the wildcards, literal ones shown as U+FFFD, for shape checks. */
export function wildcardView(units: PatternUnit[]): string {
  return units
    .map((unit) => (!unit.wild && (unit.char === "*" || unit.char === "?") ? "\uFFFD" : unit.char))
    .join("");
}
