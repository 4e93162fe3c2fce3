import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/tokens/sha256";

const reference = (text: string) => createHash("sha256").update(text).digest("hex");

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ])("matches the FIPS 180-4 example for %j", (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  // Lengths around the one- and two-block padding boundaries, up to the token cap.
  it.each([1, 55, 56, 63, 64, 65, 119, 120, 1_000, 16_384])(
    "agrees with node:crypto on %d characters",
    (length) => {
      const text = randomBytes(length).toString("base64url").slice(0, length);
      expect(sha256Hex(text)).toBe(reference(text));
    },
  );

  it("hashes the UTF-8 bytes of non-ASCII text", () => {
    expect(sha256Hex("é😀\ud800")).toBe(reference("é😀\ud800"));
  });
});
