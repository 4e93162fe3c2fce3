import { describe, expect, it } from "vitest";
import { findNul } from "@/lib/http/find-nul";

describe("findNul", () => {
  it.each([
    ["a plain string", "abc", null],
    ["a string with NUL", "a\u0000b", "(body)"],
    ["a nested field", { a: { b: ["ok", "x\u0000"] } }, "a.b.1"],
    ["a key with NUL", { "k\u0000": 1 }, "(body)"],
    ["numbers and nulls", { a: 1, b: null, c: true }, null],
  ])("reports %s", (_name, value, expected) => {
    expect(findNul(value)).toBe(expected);
  });
});
