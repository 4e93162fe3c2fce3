import { describe, expect, it } from "vitest";
import { warningsAt } from "@/components/bindings/form-errors";

describe("warningsAt", () => {
  const warnings = [
    { path: "spec.subject", message: "differs by case" },
    { path: "spec.audiences.0", message: "not the documented audience" },
    { path: "spec.subject", message: "differs by case" },
    { path: "spec", message: "the provider is disabled" },
  ];

  it("gives a control the warnings at its paths and inside them, once each", () => {
    expect(warningsAt(warnings, "spec.subject")).toEqual(["differs by case"]);
    expect(warningsAt(warnings, "spec.audiences")).toEqual(["not the documented audience"]);
  });

  it("leaves a warning about the whole binding to no control", () => {
    expect(warningsAt(warnings, "spec.name", (path) => path.startsWith("spec.a"))).toEqual([
      "not the documented audience",
    ]);
  });
});
