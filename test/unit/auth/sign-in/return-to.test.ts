import { describe, expect, it } from "vitest";
import { safeReturnPath, signInHref } from "@/lib/auth/sign-in/return-to";

describe("safeReturnPath", () => {
  it.each([
    ["/", "/"],
    ["/issuers", "/issuers"],
    ["/bindings?cloud=aws&q=repo%3Acontoso", "/bindings?cloud=aws&q=repo%3Acontoso"],
    ["/issuers/0b7e/edit#notes", "/issuers/0b7e/edit"],
    ["/workloads?_rsc=1x2y&q=web", "/workloads?q=web"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the local path %j as %j", (given, kept) => {
    expect(safeReturnPath(given)).toBe(kept);
  });

  it.each<[string, unknown]>([
    ["another origin", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/path"],
    ["a backslash the browser reads as a slash", "/\\evil.example"],
    ["a tab that URL parsing drops", "/\t/evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "issuers"],
    ["the sign-in page itself", "/sign-in?callbackUrl=%2Fissuers"],
    ["the setup page", "/setup"],
    ["an API route", "/api/v1/me"],
    ["an array of values", ["/issuers", "/targets"]],
    ["nothing", undefined],
    ["an overlong path", `/${"a".repeat(2048)}`],
  ])("falls back to / for %s", (_label, given) => {
    expect(safeReturnPath(given)).toBe("/");
  });
});

describe("signInHref", () => {
  it("carries the page to come back to, encoded", () => {
    expect(signInHref("/bindings?cloud=aws")).toBe(
      "/sign-in?callbackUrl=%2Fbindings%3Fcloud%3Daws",
    );
  });

  it("is plain /sign-in for the overview or a path it would not follow", () => {
    expect(signInHref("/")).toBe("/sign-in");
    expect(signInHref("//evil.example")).toBe("/sign-in");
  });
});
