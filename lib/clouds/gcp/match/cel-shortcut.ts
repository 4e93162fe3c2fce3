import type { parse } from "@bufbuild/cel";

// Most attribute mappings and conditions are `assertion.NAME` or
// `assertion.NAME == 'text'` (`!=`), and the trust map runs them tens of
// thousands of times. When the claim is a string their value is plain:
// CEL's select returns the map's value, and compares two strings by value
// (cel-es equals(): `===`, then false for two strings). Anything else (a
// missing claim, another type, another shape) is left to the program.

type Expr = ReturnType<typeof parse>["expr"];

export type CelShortcut = { field: string; compare?: { literal: string; equal: boolean } };

function claimField(expr: Expr | undefined): string | undefined {
  const kind = expr?.exprKind;
  if (kind?.case !== "selectExpr" || kind.value.testOnly) return undefined;
  const operand = kind.value.operand?.exprKind;
  return operand?.case === "identExpr" && operand.value.name === "assertion"
    ? kind.value.field
    : undefined;
}

function stringLiteral(expr: Expr | undefined): string | undefined {
  const kind = expr?.exprKind;
  if (kind?.case !== "constExpr") return undefined;
  const constant = kind.value.constantKind;
  return constant.case === "stringValue" ? constant.value : undefined;
}

/** The shortcut for an expression of one of those shapes, else null. */
export function celShortcut(expr: Expr | undefined): CelShortcut | null {
  const field = claimField(expr);
  if (field !== undefined) return { field };
  const kind = expr?.exprKind;
  if (kind?.case !== "callExpr" || kind.value.target || kind.value.args.length !== 2) return null;
  const operator = kind.value.function;
  if (operator !== "_==_" && operator !== "_!=_") return null;
  const [left, right] = kind.value.args;
  const claimLeft = claimField(left);
  const literalRight = stringLiteral(right);
  const claimRight = claimField(right);
  const literalLeft = stringLiteral(left);
  const equal = operator === "_==_";
  if (claimLeft !== undefined && literalRight !== undefined) {
    return { field: claimLeft, compare: { literal: literalRight, equal } };
  }
  if (claimRight !== undefined && literalLeft !== undefined) {
    return { field: claimRight, compare: { literal: literalLeft, equal } };
  }
  return null;
}

/**
 * The shortcut's value when the claim is a string, else undefined. It reads
 * the claim as the program's input does (enumerable own property, then its
 * value), so a caller watching reads sees the same claim read.
 */
export function runCelShortcut(
  { field, compare }: CelShortcut,
  bindings: Record<string, unknown>,
): string | boolean | undefined {
  if (!Object.prototype.hasOwnProperty.call(bindings, "assertion")) return undefined;
  const assertion = bindings.assertion;
  if (typeof assertion !== "object" || assertion === null || Array.isArray(assertion)) {
    return undefined;
  }
  if (!Object.prototype.propertyIsEnumerable.call(assertion, field)) return undefined;
  const value: unknown = (assertion as Record<string, unknown>)[field];
  if (typeof value !== "string") return undefined;
  return compare ? (value === compare.literal) === compare.equal : value;
}
