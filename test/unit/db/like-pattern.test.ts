import { describe, expect, it } from "vitest";
import { escapeLike } from "@/lib/db/like-pattern";

describe("escapeLike", () => {
  it.each([
    ["plain text", "prod-aks", "prod-aks"],
    ["a percent sign", "100%", "100\\%"],
    ["an underscore", "prod_aks", "prod\\_aks"],
    ["a backslash", "a\\b", "a\\\\b"],
    ["an escaped wildcard, backslash first", "\\%", "\\\\\\%"],
    ["only wildcards", "%_%", "\\%\\_\\%"],
    ["an empty string", "", ""],
  ])("escapes %s", (_label, input, expected) => {
    expect(escapeLike(input)).toBe(expected);
  });
});
