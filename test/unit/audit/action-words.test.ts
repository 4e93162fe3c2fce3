import { describe, expect, it } from "vitest";
import { actionWords, auditActionWords } from "@/components/audit/action-words";
import { auditActions } from "@/lib/audit/audit-actions";

// Every action the trail can hold has words for the History sections and the
// overview; an unknown name (from an older trail) is shown as it is.

describe("actionWords", () => {
  it("has plain words for every audit action, none of them a code", () => {
    for (const action of auditActions) {
      expect(auditActionWords[action], action).toMatch(/^[A-Z][A-Za-z' -]+[a-z]$/);
      expect(actionWords(action)).toBe(auditActionWords[action]);
    }
  });

  it("says the same thing only once", () => {
    const words = Object.values(auditActionWords);
    expect(new Set(words).size).toBe(words.length);
  });

  it("shows a name it does not know as it is", () => {
    expect(actionWords("legacy.thing")).toBe("legacy.thing");
    expect(actionWords("toString")).toBe("toString");
  });
});
