import { describe, expect, it } from "vitest";
import { applyOperator, valueMatches } from "@/lib/clouds/aws/match/conditions";
import { parseConditionOperator, type ConditionOperator } from "@/lib/clouds/aws/operators";

// IAM condition operators applied to request values, one row per documented
// rule. `undefined` request values mean the key is absent from the request.

function operator(name: string): ConditionOperator {
  const parsed = parseConditionOperator(name);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.operator;
}

const sub = "repo:octo-org/octo-repo:ref:refs/heads/main";

describe("applyOperator", () => {
  it.each([
    // [rule, source, operator, policy values, request values, expected]
    [
      "StringEquals matches the exact value",
      "CLOUDS.md 2.5 (IAM condition operators)",
      "StringEquals",
      [sub],
      [sub],
      true,
    ],
    [
      "StringEquals is case-sensitive",
      "CLOUDS.md 2.5 (configure-aws-credentials#1100)",
      "StringEquals",
      ["repo:Octo-Org/octo-repo:ref:refs/heads/main"],
      [sub],
      false,
    ],
    [
      "StringEquals treats * literally",
      "CLOUDS.md 2.5 (IAM condition operators)",
      "StringEquals",
      ["repo:octo-org/*"],
      [sub],
      false,
    ],
    [
      "StringEqualsIgnoreCase ignores case",
      "CLOUDS.md 2.5 (IAM condition operators)",
      "StringEqualsIgnoreCase",
      ["REPO:OCTO-ORG/OCTO-REPO:REF:REFS/HEADS/MAIN"],
      [sub],
      true,
    ],
    [
      "StringLike takes * across '/' and ':'",
      "CLOUDS.md 2.5 (IAM condition operators)",
      "StringLike",
      ["repo:octo-org/*"],
      [sub],
      true,
    ],
    [
      "StringLike takes ? for exactly one character",
      "CLOUDS.md 2.5 (IAM condition operators)",
      "StringLike",
      ["repo:octo-org/octo-rep?:ref:refs/heads/main"],
      [sub],
      true,
    ],
    [
      "StringLike is case-sensitive",
      "CLOUDS.md 2.5 (configure-aws-credentials#686)",
      "StringLike",
      ["repo:Octo-Org/*"],
      [sub],
      false,
    ],
    [
      "several values of one key OR together",
      "CLOUDS.md 2.5 (multiple keys/values)",
      "StringEquals",
      ["repo:other/x:ref:refs/heads/main", sub],
      [sub],
      true,
    ],
    [
      "StringNotEquals with several values is a NOR: true when none matches",
      "CLOUDS.md 2.5 (multiple keys/values)",
      "StringNotEquals",
      ["a", "b"],
      ["c"],
      true,
    ],
    [
      "StringNotEquals with several values is a NOR: false when one matches",
      "CLOUDS.md 2.5 (multiple keys/values)",
      "StringNotEquals",
      ["a", "c"],
      ["c"],
      false,
    ],
    [
      "StringNotEqualsIgnoreCase ignores case",
      "CLOUDS.md 2.5 (IAM condition operators)",
      "StringNotEqualsIgnoreCase",
      ["MAIN"],
      ["main"],
      false,
    ],
    [
      "StringNotLike excludes a pattern",
      "CLOUDS.md 2.5 (IAM condition operators)",
      "StringNotLike",
      ["*:pull_request"],
      ["repo:o/r:pull_request"],
      false,
    ],
    [
      "a missing key makes a positive operator false",
      "CLOUDS.md 2.4 (IAM condition operators)",
      "StringEquals",
      ["prod"],
      undefined,
      false,
    ],
    [
      "a missing key makes a negated operator true",
      "CLOUDS.md 2.4 (IAM condition operators)",
      "StringNotEquals",
      ["prod"],
      undefined,
      true,
    ],
    [
      "…IfExists is true when the key is missing",
      "CLOUDS.md 2.4 (IAM condition operators, IfExists)",
      "StringEqualsIfExists",
      ["prod"],
      undefined,
      true,
    ],
    [
      "…IfExists still compares a present key",
      "CLOUDS.md 2.4 (IAM condition operators, IfExists)",
      "StringEqualsIfExists",
      ["prod"],
      ["dev"],
      false,
    ],
    [
      "Null true holds when the key is missing",
      "CLOUDS.md 2.4 (IAM condition operators, Null)",
      "Null",
      ["true"],
      undefined,
      true,
    ],
    [
      "Null true fails when the key is present",
      "CLOUDS.md 2.4 (IAM condition operators, Null)",
      "Null",
      ["true"],
      ["x"],
      false,
    ],
    [
      "Null false holds when the key is present",
      "CLOUDS.md 2.4 (IAM condition operators, Null)",
      "Null",
      ["false"],
      ["x"],
      true,
    ],
    [
      "ForAllValues: is true for a missing key",
      "CLOUDS.md 2.5, 5.3 (multi-value semantics)",
      "ForAllValues:StringLike",
      ["repo:octo-org/*"],
      undefined,
      true,
    ],
    [
      "ForAllValues: needs every request value to match",
      "CLOUDS.md 2.5 (multi-value semantics)",
      "ForAllValues:StringEquals",
      ["authenticated"],
      ["authenticated", "graph.facebook.com"],
      false,
    ],
    [
      "ForAnyValue: is false for a missing key",
      "CLOUDS.md 2.5 (multi-value semantics)",
      "ForAnyValue:StringEquals",
      ["authenticated"],
      undefined,
      false,
    ],
    [
      "ForAnyValue: needs one request value to match",
      "CLOUDS.md 2.4 (amr is multivalued)",
      "ForAnyValue:StringEquals",
      ["authenticated"],
      ["authenticated", "cognito-identity.amazonaws.com:login"],
      true,
    ],
    [
      "ForAnyValue:StringNotEquals is true when one request value is outside the list",
      "CLOUDS.md 2.5 (multi-value semantics)",
      "ForAnyValue:StringNotEquals",
      ["authenticated"],
      ["authenticated", "x"],
      true,
    ],
    [
      "ForAllValues:StringNotEquals is false when one request value is in the list",
      "CLOUDS.md 2.5 (multi-value semantics)",
      "ForAllValues:StringNotEquals",
      ["unauthenticated"],
      ["authenticated", "unauthenticated"],
      false,
    ],
  ])("%s (%s)", (_rule, _source, name, policy, actual, expected) => {
    expect(applyOperator(operator(name), policy, actual)).toBe(expected);
  });
});

describe("valueMatches", () => {
  it.each([
    ["NumericLessThan compares as numbers", "NumericLessThan", "10", "9", true],
    ["NumericEquals refuses text", "NumericEquals", "10", "ten", false],
    [
      "DateGreaterThan reads ISO 8601",
      "DateGreaterThan",
      "2026-01-01T00:00:00Z",
      "2026-09-01T12:00:00.000Z",
      true,
    ],
    [
      "DateLessThan reads epoch seconds",
      "DateLessThan",
      "1700000000",
      "2026-09-01T12:00:00.000Z",
      false,
    ],
    ["Bool ignores case", "Bool", "true", "TRUE", true],
    ["StringLike without a wildcard matches the same text", "StringLike", sub, sub, true],
    [
      "StringLike without a wildcard is case-sensitive",
      "StringLike",
      "repo:Octo-Org/octo-repo:ref:refs/heads/main",
      sub,
      false,
    ],
    ["StringLike without a wildcard matches no longer text", "StringLike", "repo:", sub, false],
    [
      "ArnLike takes wildcards",
      "ArnLike",
      "arn:aws:iam::*:role/*",
      "arn:aws:iam::123456789012:role/x",
      true,
    ],
    [
      "ArnLike's * stays inside one colon-delimited component",
      "ArnLike",
      "arn:aws:iam::*",
      "arn:aws:iam::123456789012:role/x",
      false,
    ],
    [
      "ArnEquals's * does not span the account and resource components",
      "ArnEquals",
      "arn:aws:iam::123456789012*",
      "arn:aws:iam::123456789012:role/x",
      false,
    ],
    [
      "ArnLike's sixth component takes the rest, colons included",
      "ArnLike",
      "arn:aws:sts::123456789012:assumed-role/*",
      "arn:aws:sts::123456789012:assumed-role/deploy:session",
      true,
    ],
    [
      "ArnLike does not match a value that is not an ARN",
      "ArnLike",
      "*",
      "repo:octo-org/octo-repo:ref:refs/heads/main",
      false,
    ],
    [
      "ArnLike needs the value to start with arn:",
      "ArnLike",
      "*:aws:iam::123456789012:role/x",
      "urn:aws:iam::123456789012:role/x",
      false,
    ],
  ] as const)("%s (IAM condition operators)", (_rule, base, policy, actual, expected) => {
    expect(valueMatches(base, policy, actual)).toBe(expected);
  });
});
