import { unparse } from "@bufbuild/cel";
import { rejectedByCondition } from "@/lib/clouds/gcp/cloud-errors";
import {
  evaluateCel,
  evaluateCelNode,
  parseCel,
  type CelExpr,
} from "@/lib/clouds/gcp/match/cel-runtime";
import { nearMissHint } from "@/lib/clouds/gcp/match/hints";
import type { MappedAttributes } from "@/lib/clouds/gcp/match/mapping";
import { failed, passed, type Outcome } from "@/lib/clouds/gcp/match/outcome";

// CLOUDS.md 3.4 (provider resource reference; circleci-docs#8541): a boolean
// CEL condition over `assertion`, `google` and `attribute`; false rejects the
// token with unauthorized_client; comparisons are case-sensitive (auth
// TROUBLESHOOTING). An expression that fails on this token (a missing claim
// or unmapped attribute) cannot admit it, so it is reported as a rejection.

const source =
  "CLOUDS.md 3.4 (provider resource reference; circleci-docs#8541; auth TROUBLESHOOTING)";
const maxHints = 3;

type Bindings = Record<string, unknown>;

function stringConstant(node: CelExpr | undefined): string | undefined {
  const kind = node?.exprKind;
  if (kind?.case !== "constExpr") return undefined;
  const constant = kind.value.constantKind;
  return constant.case === "stringValue" ? constant.value : undefined;
}

function text(node: CelExpr): string {
  try {
    return unparse(node);
  } catch {
    return "a value";
  }
}

function stringValue(node: CelExpr, bindings: Bindings): string | undefined {
  const result = evaluateCelNode(node, bindings);
  return result.ok && typeof result.value === "string" ? result.value : undefined;
}

/** Hints for the parts of the condition that did not hold: case, slash, GitHub subject, missing keys. */
function conditionHints(root: CelExpr, bindings: Bindings): string[] {
  const hints: string[] = [];
  const add = (hint: string | undefined) => {
    if (hint && !hints.includes(hint) && hints.length < maxHints) hints.push(hint);
  };
  const visit = (node: CelExpr | undefined): void => {
    if (!node || hints.length >= maxHints) return;
    const kind = node.exprKind;
    if (kind.case === "selectExpr" && !kind.value.testOnly) {
      const operand = kind.value.operand;
      if (operand && evaluateCelNode(operand, bindings).ok) {
        const result = evaluateCelNode(node, bindings);
        if (!result.ok && result.error.startsWith("no such key")) {
          const root = text(operand);
          add(
            root === "attribute"
              ? // map it first, CLOUDS.md 3.3
                `attribute.${kind.value.field} is not mapped for this token, so the condition cannot be true (map it first).`
              : `${text(node)} is missing from the token, so the condition cannot be true for it.`,
          );
        }
      }
      visit(operand);
      return;
    }
    if (kind.case === "callExpr") {
      const call = kind.value;
      const [first, second] = call.args;
      if (call.function === "_==_" && first && second) {
        const literal = stringConstant(second) ?? stringConstant(first);
        const other = stringConstant(second) !== undefined ? first : second;
        const value = literal !== undefined ? stringValue(other, bindings) : undefined;
        if (literal !== undefined && value !== undefined && value !== literal) {
          add(nearMissHint(literal, value, text(other)));
        }
      }
      if (call.function === "startsWith" && call.target && first) {
        const prefix = stringConstant(first);
        const value = stringValue(call.target, bindings);
        if (
          prefix !== undefined &&
          value !== undefined &&
          !value.startsWith(prefix) &&
          value.toLowerCase().startsWith(prefix.toLowerCase())
        ) {
          add(
            `${text(call.target)} starts with the prefix only if case is ignored; CEL's startsWith is case-sensitive.`,
          );
        }
      }
      visit(call.target);
      for (const arg of call.args) visit(arg);
      return;
    }
    if (kind.case === "listExpr") for (const element of kind.value.elements) visit(element);
  };
  visit(root);
  return hints;
}

export function checkCondition(
  condition: string | null,
  claims: Record<string, unknown>,
  mapped: MappedAttributes,
): Outcome {
  if (!condition) {
    return passed({
      check: "attributeCondition",
      expected: "(no condition)",
      message: "The provider has no attribute condition: every token it admits passes.",
      source,
    });
  }
  const bindings = { assertion: claims, google: mapped.google, attribute: mapped.attribute };
  const result = evaluateCel(condition, bindings);
  if (result.ok && result.value === true) {
    return passed({
      check: "attributeCondition",
      expected: condition,
      source,
      actual: "true",
      message: "The attribute condition holds.",
    });
  }
  const root = parseCel(condition);
  const hints = root ? conditionHints(root, bindings) : [];
  const hint = hints.length ? hints.join(" ") : undefined;
  const message = !result.ok
    ? `The condition fails on this token (${result.error}); STS rejects the token.`
    : result.value === false
      ? "The attribute condition is false for this token."
      : "The attribute condition does not return a boolean.";
  return failed(
    {
      check: "attributeCondition",
      expected: condition,
      source,
      actual: result.ok ? JSON.stringify(result.value) : `error: ${result.error}`,
      message,
      ...(hint ? { hint } : {}),
    },
    rejectedByCondition(),
  );
}
