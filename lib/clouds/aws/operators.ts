import { boundedMemo } from "@/lib/bounded-memo";

// IAM condition operators (CLOUDS.md 2.5; IAM "Condition operators"):
// `[ForAnyValue:|ForAllValues:]<Base>[IfExists]`. Operator names are
// case-sensitive: IAM answers "MalformedPolicyDocument: Invalid Condition
// type : stringEquals" (observed, ministryofjustice/modernisation-platform-environments#8893).

export const baseOperators = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
] as const;

export type BaseOperator = (typeof baseOperators)[number];
export type SetPrefix = "ForAnyValue" | "ForAllValues";

export type ConditionOperator = {
  base: BaseOperator;
  setPrefix?: SetPrefix;
  ifExists: boolean;
};

export type ParsedOperator =
  { ok: true; operator: ConditionOperator } | { ok: false; message: string };

function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function findBase(name: string): BaseOperator | undefined {
  return baseOperators.find((base) => base === name);
}

// The schema check, the admission's reader and the evaluator parse the same
// few operator names for every binding: each answer is remembered and shared
// (read-only). Real names are short; a long one is parsed, not remembered.
const rememberedOperators = boundedMemo<ParsedOperator>(200, { maxKeyLength: 64 });

export function parseConditionOperator(name: string): ParsedOperator {
  return rememberedOperators(name, () => readConditionOperator(name));
}

function readConditionOperator(name: string): ParsedOperator {
  let rest = name;
  let setPrefix: SetPrefix | undefined;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix !== "ForAnyValue" && prefix !== "ForAllValues") {
      return {
        ok: false,
        message: `unknown set operator '${shorten(prefix)}'; use ForAnyValue: or ForAllValues:`,
      };
    }
    setPrefix = prefix;
    rest = rest.slice(colon + 1);
  }
  let base = findBase(rest);
  let ifExists = false;
  if (!base && rest.endsWith("IfExists")) {
    base = findBase(rest.slice(0, -"IfExists".length));
    ifExists = base !== undefined;
  }
  if (!base) {
    const stem = rest.replace(/ifexists$/i, "").toLowerCase();
    const hint = baseOperators.find((candidate) => candidate.toLowerCase() === stem);
    const suggestion = hint ? `; IAM operator names are case-sensitive: ${hint}` : "";
    return { ok: false, message: `unknown condition operator '${shorten(name)}'${suggestion}` };
  }
  // IAM: "You cannot use ...IfExists with the Null condition operator";
  // Null tests presence of the key itself, not its values.
  if (base === "Null" && ifExists) return { ok: false, message: "Null cannot take IfExists" };
  if (base === "Null" && setPrefix) return { ok: false, message: `Null cannot take ${setPrefix}:` };
  return { ok: true, operator: { base, ...(setPrefix ? { setPrefix } : {}), ifExists } };
}

/** Negated operators are true when the key is absent (CLOUDS.md 2.4) and NOR their values (2.5). */
export function isNegatedOperator(base: BaseOperator): boolean {
  return base.includes("Not");
}

/** Operators whose values are patterns with `*` and `?` (CLOUDS.md 2.5; IAM treats ArnEquals like ArnLike). */
export function isWildcardOperator(base: BaseOperator): boolean {
  return base === "StringLike" || base === "StringNotLike" || base.startsWith("Arn");
}

/** String operators compared literally, where `*` and `?` match only themselves. */
export function isLiteralStringOperator(base: BaseOperator): boolean {
  return base.startsWith("StringEquals") || base.startsWith("StringNotEquals");
}
