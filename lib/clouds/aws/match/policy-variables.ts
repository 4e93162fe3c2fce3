import type { ContextLookup } from "@/lib/clouds/aws/match/context-lookup";
import { patternUnits, type PatternUnit } from "@/lib/federation/wildcard";

// Condition values as IAM reads them (IAM policy elements: "Variables and
// tags", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
// under Version "2012-10-17", ${key} is the request's value for key and
// ${key, 'default'} falls back to default ('' is one quote); ${*}, ${?} and
// ${$} are the literal characters, so they never act as wildcards. A key with
// no value leaves "no equal or like value", so that policy value matches
// nothing. Under "2008-10-17" (or no Version) ${…} is plain text.

export type ResolvedValue =
  { kind: "pattern"; units: PatternUnit[] } | { kind: "void" } | { kind: "unknown"; key: string };

export const variablesVersion = "2012-10-17";

function literal(text: string): PatternUnit[] {
  return Array.from(text, (char) => ({ char, wild: false }));
}

const variablePattern = /^\s*([^\s,'{}]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;

type Segment = { kind: "text"; text: string } | { kind: "variable"; body: string };

/** The value cut into plain text and `${…}` bodies; an unclosed `${` stays text. */
function segmentsOf(raw: string): Segment[] {
  const segments: Segment[] = [];
  let rest = raw;
  for (let start = rest.indexOf("${"); start >= 0; start = rest.indexOf("${")) {
    const end = rest.indexOf("}", start + 2);
    if (end < 0) break;
    segments.push({ kind: "text", text: rest.slice(0, start) });
    segments.push({ kind: "variable", body: rest.slice(start + 2, end) });
    rest = rest.slice(end + 1);
  }
  segments.push({ kind: "text", text: rest });
  return segments;
}

/** The policy value with its variables replaced from the request context. */
export function resolvePolicyValue(
  raw: string,
  version: string | undefined,
  lookup: (key: string) => ContextLookup,
): ResolvedValue {
  if (version !== variablesVersion || !raw.includes("${")) {
    return { kind: "pattern", units: patternUnits(raw) };
  }
  const units: PatternUnit[] = [];
  for (const segment of segmentsOf(raw)) {
    if (segment.kind === "text") {
      units.push(...patternUnits(segment.text));
      continue;
    }
    const body = segment.body;
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
  return { kind: "pattern", units };
}

export function patternText(units: PatternUnit[]): string {
  return units.map((unit) => unit.char).join("");
}

/** A text whose `*`/`?` are exactly the wildcards, literal ones shown as U+FFFD, for shape checks. */
export function wildcardView(units: PatternUnit[]): string {
  return units
    .map((unit) => (!unit.wild && (unit.char === "*" || unit.char === "?") ? "\uFFFD" : unit.char))
    .join("");
}

/**
 * The value's shape when each variable naming one of `providerKey`'s keys is
 * `*`: the token fills that part itself, so it pins nothing. Other text is
 * kept, its `*`/`?` wildcards only when `wildcards`; literal ones and other
 * variables become U+FFFD. Undefined when no variable names such a key.
 */
export function tokenVariableShape(
  raw: string,
  providerKey: string,
  wildcards: boolean,
): string | undefined {
  const prefix = `${providerKey.toLowerCase()}:`;
  let shape = "";
  let fromToken = false;
  for (const segment of segmentsOf(raw)) {
    if (segment.kind === "text") {
      shape += wildcards ? segment.text : segment.text.replace(/[*?]/g, "\uFFFD");
      continue;
    }
    const key = variablePattern.exec(segment.body)?.[1]?.toLowerCase();
    const isTokenKey = key !== undefined && key.startsWith(prefix);
    fromToken ||= isTokenKey;
    shape += isTokenKey ? "*" : "\uFFFD";
  }
  return fromToken ? shape : undefined;
}
