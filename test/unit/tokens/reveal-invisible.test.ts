import { describe, expect, it } from "vitest";
import { revealInvisible, visibleRuns } from "@/lib/tokens/reveal-invisible";

describe("revealInvisible", () => {
  it.each([
    ["plain text unchanged", "repo:contoso/web", {}, "repo:contoso/web"],
    ["spaces kept outside a difference", "a b", {}, "a b"],
    ["spaces shown inside a difference", "a b", { inDiff: true }, "a␣b"],
    ["a zero-width space", "ma\u200bin", {}, "ma⟨U+200B⟩in"],
    ["a right-to-left override", "x\u202ey", {}, "x⟨U+202E⟩y"],
    ["a no-break space", "a\u00a0b", {}, "a⟨U+00A0⟩b"],
    ["a newline and a tab", "a\n\tb", {}, "a⟨U+000A⟩⟨U+0009⟩b"],
    ["a combining accent kept in a claim", "cafe\u0301", {}, "cafe\u0301"],
    ["a combining accent shown inside a difference", "e\u0301", { inDiff: true }, "e⟨U+0301⟩"],
    ["a lone surrogate", "x\ud800", {}, "x⟨U+D800⟩"],
    ["NUL", "a\u0000", {}, "a⟨U+0000⟩"],
    ["an emoji (a surrogate pair) unchanged", "ok 🚀", {}, "ok 🚀"],
  ])("shows %s", (_name, text, options, shown) => {
    expect(revealInvisible(text, options)).toBe(shown);
  });
});

describe("visibleRuns", () => {
  it("splits text into printable runs and labelled hidden characters", () => {
    expect(visibleRuns("repo:\u202econtoso\u200b")).toEqual([
      { text: "repo:" },
      { text: "⟨U+202E⟩", codePoint: "U+202E" },
      { text: "contoso" },
      { text: "⟨U+200B⟩", codePoint: "U+200B" },
    ]);
  });
});
