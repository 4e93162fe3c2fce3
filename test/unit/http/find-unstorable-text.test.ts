import { describe, expect, it } from "vitest";
import {
  findUnstorableText,
  toStorableJson,
  toStorableText,
} from "@/lib/http/find-unstorable-text";

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

describe("toStorableText", () => {
  it.each([
    ["keeps plain text as it is", "repo:contoso/api", Infinity, "repo:contoso/api"],
    ["writes NUL visibly", "api\u0000x", Infinity, "api⟨U+0000⟩x"],
    ["writes a lone high surrogate visibly", "x\ud800", Infinity, "x⟨U+D800⟩"],
    ["writes a lone low surrogate visibly", "\udc00y", Infinity, "⟨U+DC00⟩y"],
    ["keeps a surrogate pair (an emoji) whole", "ok 🚀", Infinity, "ok 🚀"],
    [
      "keeps bidi and zero-width characters (they are storable)",
      "a\u202eb\u200b",
      Infinity,
      "a\u202eb\u200b",
    ],
    ["cuts at a number of code points, not UTF-16 units", "🚀🚀🚀", 2, "🚀🚀"],
    ["never splits a label it cannot fit", "ab\u0000", 5, "ab"],
  ])("%s", (_name, text, max, stored) => {
    expect(toStorableText(text, max)).toBe(stored);
    expect(findUnstorableText(toStorableText(text, max))).toBeNull();
  });
});

describe("toStorableJson", () => {
  it("makes every string and key of a JSON value storable, leaving other values alone", () => {
    expect(toStorableJson({ "k\u0000": ["a\ud800", 1, null, { b: "c\u0000" }], n: true })).toEqual({
      "k⟨U+0000⟩": ["a⟨U+D800⟩", 1, null, { b: "c⟨U+0000⟩" }],
      n: true,
    });
  });
});
