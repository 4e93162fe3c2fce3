import { describe, expect, it } from "vitest";
import {
  isLiteralStringOperator,
  isNegatedOperator,
  isWildcardOperator,
  parseConditionOperator,
  type ConditionOperator,
} from "@/lib/clouds/aws/operators";

// CLOUDS.md 2.5: `[ForAnyValue:|ForAllValues:]<Base>[IfExists]`.

describe("parseConditionOperator", () => {
  it.each<[string, ConditionOperator]>([
    ["StringEquals", { base: "StringEquals", ifExists: false }],
    ["StringLike", { base: "StringLike", ifExists: false }],
    ["StringNotEqualsIgnoreCase", { base: "StringNotEqualsIgnoreCase", ifExists: false }],
    ["StringLikeIfExists", { base: "StringLike", ifExists: true }],
    ["ForAnyValue:StringLike", { base: "StringLike", setPrefix: "ForAnyValue", ifExists: false }],
    [
      "ForAllValues:StringEqualsIfExists",
      { base: "StringEquals", setPrefix: "ForAllValues", ifExists: true },
    ],
    ["ArnLike", { base: "ArnLike", ifExists: false }],
    ["NumericLessThanEquals", { base: "NumericLessThanEquals", ifExists: false }],
    ["DateGreaterThanIfExists", { base: "DateGreaterThan", ifExists: true }],
    ["Bool", { base: "Bool", ifExists: false }],
    ["IpAddress", { base: "IpAddress", ifExists: false }],
    ["Null", { base: "Null", ifExists: false }],
  ])("parses %s", (name, operator) => {
    expect(parseConditionOperator(name)).toEqual({ ok: true, operator });
  });

  it.each([
    [
      "stringEquals",
      "unknown condition operator 'stringEquals'; IAM operator names are case-sensitive: StringEquals",
    ],
    [
      "stringlikeifexists",
      "unknown condition operator 'stringlikeifexists'; IAM operator names are case-sensitive: StringLike",
    ],
    ["StringMatches", "unknown condition operator 'StringMatches'"],
    ["StringLikeIgnoreCase", "unknown condition operator 'StringLikeIgnoreCase'"],
    ["IfExists", "unknown condition operator 'IfExists'"],
    ["", "unknown condition operator ''"],
    [
      "ForSomeValues:StringLike",
      "unknown set operator 'ForSomeValues'; use ForAnyValue: or ForAllValues:",
    ],
    [
      "forallvalues:StringLike",
      "unknown set operator 'forallvalues'; use ForAnyValue: or ForAllValues:",
    ],
    [
      "ForAnyValue:ForAllValues:StringLike",
      "unknown condition operator 'ForAnyValue:ForAllValues:StringLike'",
    ],
    ["NullIfExists", "Null cannot take IfExists"],
    ["ForAllValues:Null", "Null cannot take ForAllValues:"],
  ])("refuses %j", (name, message) => {
    expect(parseConditionOperator(name)).toEqual({ ok: false, message });
  });
});

describe("operator families", () => {
  it.each([
    ["StringEquals", false, false, true],
    ["StringNotEquals", true, false, true],
    ["StringEqualsIgnoreCase", false, false, true],
    ["StringNotEqualsIgnoreCase", true, false, true],
    ["StringLike", false, true, false],
    ["StringNotLike", true, true, false],
    ["ArnEquals", false, true, false],
    ["ArnNotLike", true, true, false],
    ["NotIpAddress", true, false, false],
    ["Null", false, false, false],
  ] as const)(
    "%s: negated %s, wildcards %s, literal string %s",
    (base, negated, wildcard, literal) => {
      expect([
        isNegatedOperator(base),
        isWildcardOperator(base),
        isLiteralStringOperator(base),
      ]).toEqual([negated, wildcard, literal]);
    },
  );
});
