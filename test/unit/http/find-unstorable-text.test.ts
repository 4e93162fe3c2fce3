import { describe, expect, it } from "vitest";
import { findUnstorableText } from "@/lib/http/find-unstorable-text";

describe("findUnstorableText", () => {
  it.each([
    ["a plain string", "abc", null],
    [
      "a string with NUL",
      "a\u0000b",
      { path: "(body)", reason: "must not contain NUL characters" },
    ],
    [
      "a nested field",
      { a: { b: ["ok", "x\u0000"] } },
      { path: "a.b.1", reason: "must not contain NUL characters" },
    ],
    [
      "a key with NUL",
      { "k\u0000": 1 },
      { path: "(body)", reason: "must not contain NUL characters" },
    ],
    [
      "a lone high surrogate",
      { name: "x\ud800" },
      { path: "name", reason: "must be valid Unicode text" },
    ],
    ["a lone low surrogate", ["\udc00"], { path: "0", reason: "must be valid Unicode text" }],
    ["a proper surrogate pair (an emoji)", { name: "ok 🚀" }, null],
    ["numbers and nulls", { a: 1, b: null, c: true }, null],
  ])("reports %s", (_name, value, expected) => {
    expect(findUnstorableText(value)).toEqual(expected);
  });
});
