import { describe, expect, it } from "vitest";
import {
  celReferencedRoots,
  celReferences,
  celStringLiteral,
  celSyntaxError,
} from "@/lib/clouds/gcp/cel";

describe("celSyntaxError", () => {
  it.each<string>([
    "assertion.sub",
    "assertion.repository_owner == 'octo-org'",
    "assertion['https://example.com/claim'] == 'x'",
    "attribute.repository.startsWith('octo-org/') && google.subject != ''",
    "assertion.sub.extract('repo:{repo}:')",
    "'admins' in google.groups",
    "assertion.ref in ['refs/heads/main', 'refs/heads/release']",
    "has(assertion.environment) ? assertion.environment : 'none'",
    "assertion.groups.exists(g, g == 'ops')",
    "assertion.a == 'x' &&\n  assertion.b == 'y'",
  ])("accepts %j", (expression) => {
    expect(celSyntaxError(expression)).toBeNull();
  });

  it.each<[expression: string, message: string]>([
    [
      "assertion.sub ==",
      "not valid CEL: the expression ends after '==': a value is missing (column 15)",
    ],
    ["x == 1)", "not valid CEL: the ')' at column 7 closes nothing"],
    [
      "assertion.x == 'a' &&",
      "not valid CEL: the expression ends after '&&': a value is missing (column 20)",
    ],
    ["[1, 2", "not valid CEL: the '[' at column 1 is never closed"],
    ["'unterminated", "not valid CEL: the string opened at column 1 is never closed"],
    [
      "assertion.a == 'x' &&\n  assertion.b ==",
      "not valid CEL: the expression ends after '==': a value is missing (line 2, column 15)",
    ],
    [
      "assertion.sub.startsWith('repo:octo-org/'",
      "not valid CEL: the '(' at column 25 is never closed",
    ],
    [
      "assertion.a == 'x' && (assertion.b == 'y'",
      "not valid CEL: the '(' at column 23 is never closed",
    ],
    ["(assertion.a == 'x']", "not valid CEL: the '(' at column 1 is closed by ']' at column 20"],
    ["assertion.sub in ['a', 'b'", "not valid CEL: the '[' at column 18 is never closed"],
    [
      "assertion.a == 'x' &&\n(assertion.b",
      "not valid CEL: the '(' at line 2, column 1 is never closed",
    ],
    [
      "assertion.sub = 'a'",
      "not valid CEL: '=' at column 15 is not a CEL operator: compare with '=='",
    ],
    ["assertion..sub", "not valid CEL: unexpected '.' (column 10)"],
    ["assertion.sub == 'it''s'", 'not valid CEL: unexpected "\'" (column 22)'],
    ["", "is empty"],
    ["   ", "is empty"],
  ])("reports %j with its position", (expression, message) => {
    expect(celSyntaxError(expression)).toBe(message);
  });

  it("never quotes more of the input than one character", () => {
    const secretish = `assertion.sub == 'abc' ${"x".repeat(40)}`;
    const message = celSyntaxError(secretish) ?? "";
    expect(message).not.toContain("xx");
  });
});

describe("celReferences", () => {
  it("lists roots, attributes and functions", () => {
    expect(
      celReferences(
        "attribute.repo == 'x' && attribute['ref'] != '' && google.subject.startsWith('a') && has(assertion.z)",
      ),
    ).toEqual({
      roots: ["attribute", "google", "assertion"],
      attributes: ["repo", "ref"],
      functions: ["_&&_", "_==_", "_!=_", "_[_]", "startsWith"],
    });
  });

  it("ignores comprehension variables that shadow nothing outside", () => {
    expect(celReferencedRoots("assertion.groups.exists(g, g == 'ops')")).toEqual(["assertion"]);
  });

  it("treats a variable named like a root as bound inside its macro", () => {
    expect(celReferences("[1].exists(attribute, attribute.x == 1)")).toMatchObject({
      roots: [],
      attributes: [],
    });
  });

  it("gives null for an expression that does not parse", () => {
    expect(celReferences("assertion.sub ==")).toBeNull();
    expect(celReferencedRoots("(")).toBeNull();
  });

  it("finds a string concatenation", () => {
    expect(celReferences("assertion.a + '/' + assertion.b")?.functions).toContain("_+_");
  });
});

describe("celStringLiteral", () => {
  it.each<[value: string, literal: string]>([
    ["octo-org", "'octo-org'"],
    ["it's", "'it\\'s'"],
    ["back\\slash", "'back\\\\slash'"],
  ])("quotes %j so CEL reads it back", (value, literal) => {
    expect(celStringLiteral(value)).toBe(literal);
    expect(celSyntaxError(`assertion.x == ${literal}`)).toBeNull();
  });
});
