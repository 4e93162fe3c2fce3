import { describe, expect, it } from "vitest";
import { parseFicExpression } from "@/lib/clouds/azure/fic-expression";

// parseFicExpression remembers its answers by the expression's text: an
// answer must never be another text's, however the texts are interleaved.

describe("parseFicExpression, remembered", () => {
  it("answers each text with its own terms, before and after other texts", () => {
    const texts = [
      "claims['sub'] matches 'repo:contoso/*'",
      "claims['sub'] matches 'repo:fabrikam/*'",
      "claims['sub'] eq 'repo:contoso/*'",
      "claims['sub'] matches 'repo:contoso/*' and claims['job_workflow_ref'] eq 'x'",
    ];
    const first = texts.map((text) => parseFicExpression(text));
    const again = [...texts].reverse().map((text) => parseFicExpression(text));
    expect(again.reverse()).toEqual(first);
    expect(first.map((parsed) => (parsed.ok ? parsed.terms.length : 0))).toEqual([1, 1, 1, 2]);
    expect(first[1]).toEqual({
      ok: true,
      terms: [{ claim: "sub", operator: "matches", value: "repo:fabrikam/*" }],
    });
    expect(first[2]).toEqual({
      ok: true,
      terms: [{ claim: "sub", operator: "eq", value: "repo:contoso/*" }],
    });
  });

  it("tells a refused text from an accepted one that differs by a character", () => {
    expect(parseFicExpression("claims['sub'] eq 'a'").ok).toBe(true);
    expect(parseFicExpression("claims['sub'] eq 'a")).toEqual({
      ok: false,
      message: "unterminated quote starting at position 18",
      index: 17,
    });
    expect(parseFicExpression("claims['sub'] eq 'a'").ok).toBe(true);
  });
});
