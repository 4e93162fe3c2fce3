import { describe, expect, it } from "vitest";
import { readSearchParam, readSearchParams } from "@/lib/http/search-params";

describe("readSearchParam", () => {
  it.each([
    ["a single value", { q: "deploy" }, "deploy"],
    ["an absent key", {}, undefined],
    ["an empty value", { q: "" }, undefined],
    ["a repeated key", { q: ["a", "b"] }, undefined],
    ["strange characters, kept as data", { q: "\u202eevil\u0000" }, "\u202eevil\u0000"],
  ])("reads %s", (_label, raw, expected) => {
    expect(readSearchParam(raw, "q")).toBe(expected);
  });
});

describe("readSearchParams", () => {
  it("returns exactly the keys asked for, absent ones as undefined", () => {
    const params = readSearchParams({ q: "x", cursor: "", saved: "1" }, ["q", "cursor", "kind"]);
    expect(params).toEqual({ q: "x", cursor: undefined, kind: undefined });
    expect(Object.keys(params)).toEqual(["q", "cursor", "kind"]);
  });
});
