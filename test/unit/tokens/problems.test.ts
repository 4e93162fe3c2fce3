import { describe, expect, it } from "vitest";
import {
  quoteTokenValue,
  tokenProblem,
  tokenProblemCodes,
  tokenProblemMessages,
  tokenProblemStatus,
} from "@/lib/tokens/problems";

describe("token problems", () => {
  it("maps too_large to 413 and every other code to 422", () => {
    const statuses = Object.fromEntries(
      tokenProblemCodes.map((code) => [code, tokenProblemStatus(code)]),
    );
    expect(statuses).toEqual(
      Object.fromEntries(tokenProblemCodes.map((code) => [code, code === "too_large" ? 413 : 422])),
    );
  });

  it("has an operator message for every code", () => {
    for (const code of tokenProblemCodes) expect(tokenProblemMessages[code]).toMatch(/^[A-Z].+\.$/);
  });

  it("builds a problem with the default message, or a given one and extras", () => {
    expect(tokenProblem("alg_none")).toEqual({
      code: "alg_none",
      status: 422,
      message: 'Unsigned token (alg "none"); no cloud accepts it.',
    });
    expect(tokenProblem("malformed", "Bad.", { position: 3 })).toEqual({
      code: "malformed",
      status: 422,
      message: "Bad.",
      position: 3,
    });
  });
});

describe("quoteTokenValue", () => {
  it.each([
    ["a plain kid", "k1", '"k1"'],
    ["a quote and a NUL", "k1' \"\u0000", '"k1\' \\"\\u0000"'],
    ["a right-to-left override (J29)", "abc\u202Edef", '"abc\\u202edef"'],
    ["a zero-width joiner (J29)", "a\u200Db", '"a\\u200db"'],
    ["a line break (J29)", "a\nb", '"a\\nb"'],
    ["a number", 1, '"1"'],
    ["null", null, '"null"'],
  ])("quotes %s visibly", (_label, value, quoted) => {
    expect(quoteTokenValue(value)).toBe(quoted);
  });

  it("cuts a long value to a few characters (J5)", () => {
    expect(quoteTokenValue("x".repeat(10_000))).toBe(`"${"x".repeat(39)}…"`);
  });
});
