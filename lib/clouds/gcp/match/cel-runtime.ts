import {
  celEnv,
  celMethod,
  CelScalar,
  isCelError,
  isCelList,
  isCelMap,
  isCelUint,
  parse,
  plan,
  type CelInput,
  type CelValue,
} from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { boundedMemo } from "@/lib/bounded-memo";
import { celAssertionFields, celReferencedRoots } from "@/lib/clouds/gcp/cel";
import { celShortcut, runCelShortcut, type CelShortcut } from "@/lib/clouds/gcp/match/cel-shortcut";

// Google evaluates attribute mappings and conditions in CEL over the token's
// JSON (`assertion`) and the mapped `google` / `attribute` values (CLOUDS.md
// 3.3, 3.4). This runs them with cel-es (@bufbuild/cel), the CEL reference
// semantics, plus Google's `extract()` (the fix Google documents for an
// over-long google.subject, CLOUDS.md 3.3). JSON numbers are CEL doubles, as
// in the google.protobuf.Struct Google builds from the assertion.

type ParsedExpr = ReturnType<typeof parse>;
type Expr = ParsedExpr["expr"];
export type CelExpr = Expr;

/** A JSON-like value read back from CEL. */
export type PlainValue =
  string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

export type CelOutcome = { ok: true; value: PlainValue } | { ok: false; error: string };

/**
 * `'…/projects/123/…'.extract('/projects/{project}/')` is `'123'`: the text
 * between the template's literal prefix and suffix, '' when the prefix is
 * absent. The prefix is found first; the suffix is searched after it, and an
 * empty suffix runs to the end. (Google's attribute-mapping reference; the
 * no-match result is our reading of it.)
 */
export function extractWithTemplate(value: string, template: string): string {
  const open = template.indexOf("{");
  const close = template.indexOf("}", open + 1);
  if (open < 0 || close < 0) return "";
  const prefix = template.slice(0, open);
  const suffix = template.slice(close + 1);
  const start = value.indexOf(prefix);
  if (start < 0) return "";
  const from = start + prefix.length;
  if (!suffix) return value.slice(from);
  const end = value.indexOf(suffix, from);
  return end < 0 ? "" : value.slice(from, end);
}

const extract = celMethod(
  "extract",
  CelScalar.STRING,
  [CelScalar.STRING],
  CelScalar.STRING,
  function (this: string, template: string) {
    return extractWithTemplate(this, template);
  },
);

const env = celEnv({ funcs: [...strings, extract] });

type Program = ReturnType<typeof plan>;
type Reads = {
  assertionFields: readonly string[] | null;
  /** The variables the expression names; null when unknown. */
  roots: readonly string[] | null;
};
type Compiled =
  | ({ parsed: ParsedExpr; program: Program; shortcut: CelShortcut | null } & Reads)
  | { error: string };

// Planning is the costly step; bindings of one provider share expressions.
const programs = boundedMemo<Compiled>(1000);

function compile(expression: string): Compiled {
  return programs(expression, () => {
    try {
      const parsed = parse(expression);
      const assertionFields = celAssertionFields(expression);
      const roots = celReferencedRoots(expression);
      const shortcut = celShortcut(parsed.expr);
      return { parsed, program: plan(env, parsed), shortcut, assertionFields, roots };
    } catch (error) {
      return { error: error instanceof Error ? error.message : "not valid CEL" };
    }
  });
}

/** The expression's syntax tree, or null when it does not parse. */
export function parseCel(expression: string): Expr | null {
  const compiled = compile(expression);
  return "error" in compiled ? null : compiled.parsed.expr;
}

/** JSON claims as CEL input. Maps, not objects, so inherited names never resolve. */
export function toCelInput(value: unknown): CelInput {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (Array.isArray(value)) return value.map(toCelInput);
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    return new Map(entries.map(([key, inner]) => [key, toCelInput(inner)]));
  }
  return null;
}

function fromCel(value: CelValue): PlainValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (isCelUint(value)) return Number(value.value);
  if (isCelList(value)) return [...value].map(fromCel);
  if (isCelMap(value)) {
    const object: { [key: string]: PlainValue } = {};
    for (const [key, inner] of value) object[String(key)] = fromCel(inner);
    return object;
  }
  return String(value);
}

/** cel-es says "field not found: x" where cel-go says "no such key: x". */
export function describeCelError(message: string): string {
  const missing = /^field not found: (.+)$/.exec(message);
  if (missing) return `no such key: ${missing[1]}`;
  if (message === "unresolved attribute") return "an unknown variable";
  return message;
}

// One token's claims are read by every mapping and condition of every
// binding diagnosed against it: convert them once. Claims are never mutated.
const converted = new WeakMap<object, CelInput>();

function cachedCelInput(value: unknown): CelInput {
  if (typeof value !== "object" || value === null) return toCelInput(value);
  const hit = converted.get(value);
  if (hit !== undefined) return hit;
  const input = toCelInput(value);
  converted.set(value, input);
  return input;
}

// An expression that reads the assertion only by named claims is given
// those claims alone: the same answers, and a caller watching which claims
// were read (the trust map's undecided verdicts) sees just those.
function pickedCelInput(value: unknown, fields: readonly string[]): CelInput {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return cachedCelInput(value);
  }
  const picked = new Map<string, CelInput>();
  for (const field of fields) {
    if (!Object.prototype.propertyIsEnumerable.call(value, field)) continue;
    const inner: unknown = (value as Record<string, unknown>)[field];
    if (inner !== undefined) picked.set(field, toCelInput(inner));
  }
  return picked;
}

const readsAll: Reads = { assertionFields: null, roots: null };

// A variable the expression never names cannot change its value, so it is
// not converted: a condition over the assertion alone skips the mapped
// google and attribute values, which are new for every evaluation.
function run(program: Program, bindings: Record<string, unknown>, reads: Reads): CelOutcome {
  const { assertionFields, roots } = reads;
  const input: Record<string, CelInput> = {};
  for (const name in bindings) {
    if (roots && !roots.includes(name)) continue;
    const value = bindings[name];
    input[name] =
      name === "assertion" && assertionFields
        ? pickedCelInput(value, assertionFields)
        : cachedCelInput(value);
  }
  try {
    const result = program(input);
    if (isCelError(result)) return { ok: false, error: describeCelError(result.message) };
    return { ok: true, value: fromCel(result) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "evaluation failed" };
  }
}

/** Evaluates a CEL expression over plain bindings (e.g. `{ assertion: claims }`). */
export function evaluateCel(expression: string, bindings: Record<string, unknown>): CelOutcome {
  const compiled = compile(expression);
  if ("error" in compiled) return { ok: false, error: compiled.error };
  const quick = compiled.shortcut ? runCelShortcut(compiled.shortcut, bindings) : undefined;
  if (quick !== undefined) return { ok: true, value: quick };
  return run(compiled.program, bindings, compiled);
}

/** Evaluates one node of a parsed expression (for near-miss hints on its parts). */
export function evaluateCelNode(node: Expr, bindings: Record<string, unknown>): CelOutcome {
  let program: Program;
  try {
    program = plan(env, node);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "not valid CEL" };
  }
  return run(program, bindings, readsAll);
}
