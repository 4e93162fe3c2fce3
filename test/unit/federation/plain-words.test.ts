import { describe, expect, it } from "vitest";
import { assertPlainWords, internalReferencesIn, problemTexts } from "@/test/support/plain-words";

// The guard the unit, integration and browser tests share: it must catch
// what users must not read, and nothing else.

describe("the plain-words guard", () => {
  it.each([
    "Grant the role (CLOUDS.md 3.7).",
    "See SECURITY.md 3.7 for why.",
    "spec.statement: unknown field",
    "Check the value of spec.providerUrl.",
  ])("catches %j", (text) => {
    expect(internalReferencesIn(text)).not.toEqual([]);
    expect(() => assertPlainWords([text], "a page")).toThrow(/a page shows internal references/);
  });

  it.each([
    "Statement JSON: the condition never matches.",
    "Inspect.value is a claim, not a field path.",
    "The respec.ted text and the spec itself are fine.",
  ])("lets %j through", (text) => {
    expect(internalReferencesIn(text)).toEqual([]);
  });

  it("reads a problem document's title, detail and every reason", () => {
    expect(
      problemTexts({
        title: "Validation failed",
        detail: "The body has invalid fields.",
        invalid_params: [{ reason: "is required" }, { reason: "unknown field" }],
      }),
    ).toEqual([
      "Validation failed",
      "The body has invalid fields.",
      "is required",
      "unknown field",
    ]);
  });
});
