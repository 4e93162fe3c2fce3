import { describe, expect, it } from "vitest";
import { utf8Length } from "@/lib/clouds/gcp/utf8-length";

const encoder = new TextEncoder();

describe("utf8Length", () => {
  it.each([
    ["", "empty text"],
    ["repo:acme/api:ref:refs/heads/main", "ASCII"],
    ["café", "two-byte letters"],
    ["日本語のリポジトリ", "three-byte letters"],
    ["deploy 🚀 now", "a character outside the basic plane"],
    ["lone \ud800 high", "a lone high surrogate"],
    ["lone \udc00 low", "a lone low surrogate"],
    ["end \ud83d", "a high surrogate at the end"],
  ])("counts what TextEncoder would write for %j (%s)", (text) => {
    expect(utf8Length(text)).toBe(encoder.encode(text).length);
  });
});
