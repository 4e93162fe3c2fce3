import { parse } from "@bufbuild/cel";
import { boundedMemo } from "@/lib/bounded-memo";
import { celStopError, celStructureError } from "@/lib/clouds/gcp/cel-errors";

// Google evaluates attribute mappings and conditions as CEL (CLOUDS.md 3.3,
// 3.4). A real parse (cel-es, the CEL grammar) catches what Google would
// refuse as malformed before the provider is saved. It checks syntax only:
// unknown functions or type errors still surface at exchange time.

type Expr = ReturnType<typeof parse>["expr"];

type SyntaxFailure = {
  location?: { start?: { line?: number; column?: number } };
  found?: string | null;
};

/**
 * Null when the expression parses; otherwise a short message naming the
 * problem (an unclosed bracket or string, a lone '=') and where it is.
 */
export function celSyntaxError(expression: string): string | null {
  return syntaxVerdicts(expression, () => parseVerdict(expression));
}

// Providers repeat the same handful of expressions, and a diagnosis or the
// trust map reads them for every binding: parses are remembered (bounded).
const maxRemembered = 500;
const syntaxVerdicts = boundedMemo<string | null>(maxRemembered);
const readings = boundedMemo<Reading | null>(maxRemembered);

function parseVerdict(expression: string): string | null {
  if (!expression.trim()) return "is empty";
  try {
    parse(expression);
    return null;
  } catch (error) {
    // cel-es throws a ParseSyntaxError carrying `location` and `found`; the
    // class is not exported, so read the fields, never the message (which
    // quotes the input).
    const structure = celStructureError(expression);
    if (structure) return `not valid CEL: ${structure}`;
    const failure = (typeof error === "object" && error ? error : {}) as SyntaxFailure;
    const { line, column } = failure.location?.start ?? {};
    return `not valid CEL: ${celStopError(expression, failure.found, line, column)}`;
  }
}

export type CelReferences = {
  /** Top-level variables the expression reads, e.g. assertion, attribute, google. */
  roots: string[];
  /** Names read as attribute.NAME or attribute['NAME']. */
  attributes: string[];
  /** Functions and operators called, in CEL's internal names (e.g. `_+_`, `startsWith`). */
  functions: string[];
};

type Reading = {
  references: CelReferences;
  /** Claims read as assertion.NAME or assertion['NAME']; null when `assertion` is read whole. */
  assertionFields: string[] | null;
};

/** What an expression reads and calls; null when it does not parse. Shared: callers must not change it. */
export function celReferences(expression: string): CelReferences | null {
  return readings(expression, () => readExpression(expression))?.references ?? null;
}

/** The claims an expression reads from `assertion`, when it reads it only by name; else null. */
export function celAssertionFields(expression: string): string[] | null {
  return readings(expression, () => readExpression(expression))?.assertionFields ?? null;
}

function readExpression(expression: string): Reading | null {
  let root: Expr;
  try {
    root = parse(expression).expr;
  } catch {
    return null;
  }
  const roots = new Set<string>();
  const attributes = new Set<string>();
  const functions = new Set<string>();
  const assertionFields = new Set<string>();
  let assertionWhole = false;

  // `bound` holds comprehension variables (e.g. the `x` of exists(x, ...)),
  // which shadow top-level names inside the macro.
  function walk(expr: Expr | undefined, bound: ReadonlySet<string>): void {
    if (!expr) return;
    const kind = expr.exprKind;
    switch (kind.case) {
      case "identExpr":
        if (!bound.has(kind.value.name)) roots.add(kind.value.name);
        if (isFreeIdent(expr, "assertion", bound)) assertionWhole = true;
        return;
      case "selectExpr": {
        const operand = kind.value.operand;
        if (isFreeIdent(operand, "attribute", bound)) attributes.add(kind.value.field);
        if (isFreeIdent(operand, "assertion", bound)) {
          roots.add("assertion");
          assertionFields.add(kind.value.field);
          return;
        }
        walk(operand, bound);
        return;
      }
      case "callExpr": {
        const [first, second] = kind.value.args;
        functions.add(kind.value.function);
        const key = kind.value.function === "_[_]" ? constantString(second) : null;
        if (key !== null && isFreeIdent(first, "attribute", bound)) attributes.add(key);
        if (key !== null && isFreeIdent(first, "assertion", bound) && !kind.value.target) {
          roots.add("assertion");
          assertionFields.add(key);
          return;
        }
        walk(kind.value.target, bound);
        for (const arg of kind.value.args) walk(arg, bound);
        return;
      }
      case "listExpr":
        for (const element of kind.value.elements) walk(element, bound);
        return;
      case "structExpr":
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === "mapKey") walk(entry.keyKind.value, bound);
          walk(entry.value, bound);
        }
        return;
      case "comprehensionExpr": {
        const loop = kind.value;
        const inner = new Set(
          [...bound, loop.iterVar, loop.iterVar2, loop.accuVar].filter(Boolean),
        );
        walk(loop.iterRange, bound);
        walk(loop.accuInit, bound);
        walk(loop.loopCondition, inner);
        walk(loop.loopStep, inner);
        walk(loop.result, new Set([...bound, loop.accuVar]));
        return;
      }
      default:
        return;
    }
  }

  walk(root, new Set());
  return {
    references: { roots: [...roots], attributes: [...attributes], functions: [...functions] },
    assertionFields: assertionWhole ? null : [...assertionFields],
  };
}

function constantString(expr: Expr | undefined): string | null {
  const kind = expr?.exprKind;
  return kind?.case === "constExpr" && kind.value.constantKind.case === "stringValue"
    ? kind.value.constantKind.value
    : null;
}

function isFreeIdent(expr: Expr | undefined, name: string, bound: ReadonlySet<string>): boolean {
  return (
    expr?.exprKind.case === "identExpr" && expr.exprKind.value.name === name && !bound.has(name)
  );
}

/** The variables an expression reads (assertion / google / attribute, or others); null when it does not parse. */
export function celReferencedRoots(expression: string): string[] | null {
  return celReferences(expression)?.roots ?? null;
}

/** A CEL single-quoted string literal for `value` (CEL spec escapes: \\ \' \n \r). */
export function celStringLiteral(value: string): string {
  const escaped = value
    .replaceAll("\\", "\\\\")
    .replaceAll("'", "\\'")
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r");
  return `'${escaped}'`;
}
