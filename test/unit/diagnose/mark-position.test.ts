import { describe, expect, it } from "vitest";
import { markPosition } from "@/components/diagnose/mark-position";

describe("markPosition", () => {
  it("marks the character the server names, with context either side", () => {
    expect(markPosition("eyJhbGciOiJSUzI1NiJ9.eyJ+dWIiOiJ4In0.c2ln", 25)).toEqual({
      position: 25,
      index: 24,
      before: "…UzI1NiJ9.eyJ",
      at: "+",
      after: "dWIiOiJ4In0.…",
    });
  });

  it("counts from where the token starts, after whitespace and 'Bearer '", () => {
    expect(markPosition("  Bearer a.b c", 4)).toMatchObject({ index: 12, at: " ", after: "c" });
  });

  it.each([0, 99, 1.5])("gives null for a position %s outside the paste", (position) => {
    expect(markPosition("a.b.c", position)).toBeNull();
  });
});
