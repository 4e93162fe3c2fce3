import { describe, expect, it } from "vitest";
import { asciiHost, escapeNonAscii, isConfusable, latinSkeleton } from "@/lib/tokens/confusables";

describe("latinSkeleton", () => {
  it.each([
    ["a Cyrillic і", "https://\u0456ssuer.example", "https://issuer.example"],
    [
      "Cyrillic а, е, о, р, с",
      "https://\u0430\u0435\u043e\u0440\u0441.example",
      "https://aeopc.example",
    ],
    ["a Greek ο", "https://t\u03bfken.example", "https://token.example"],
    ["a fullwidth letter (compatibility form)", "https://\uff47itlab.com", "https://gitlab.com"],
    ["a zero-width space", "https://git\u200blab.com", "https://gitlab.com"],
    ["plain ASCII, unchanged", "https://gitlab.com", "https://gitlab.com"],
  ])("maps %s to Latin", (_name, text, skeleton) => {
    expect(latinSkeleton(text)).toBe(skeleton);
  });
});

describe("isConfusable", () => {
  it("says two issuers that differ only by a look-alike letter are confusable", () => {
    expect(isConfusable("https://\u0456ssuer.example", "https://issuer.example")).toBe(true);
  });

  it.each([
    ["identical strings", "https://issuer.example", "https://issuer.example"],
    ["a real difference", "https://issuer.example", "https://issuer.example/"],
    ["a case change (not a look-alike)", "https://Issuer.example", "https://issuer.example"],
  ])("says %s are not confusable", (_name, a, b) => {
    expect(isConfusable(a, b)).toBe(false);
  });
});

describe("escapeNonAscii", () => {
  it("writes every character outside printable ASCII as an escape", () => {
    expect(escapeNonAscii("https://\u0456ssuer.example/\u202e🚀")).toBe(
      "https://\\u0456ssuer.example/\\u202e\\u{1f680}",
    );
  });
});

describe("asciiHost", () => {
  it("gives the host in punycode", () => {
    expect(asciiHost("https://\u0456ssuer.example/path")).toMatch(/^xn--.*\.example$/);
  });

  it("gives null for an issuer that is not a URL", () => {
    expect(asciiHost("not a url")).toBeNull();
  });
});
