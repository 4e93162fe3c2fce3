import { describe, expect, it } from "vitest";
import {
  generateTokenSecret,
  hashTokenSecret,
  tokenDisplayPrefix,
  tokenPattern,
} from "@/lib/auth/tokens/token-secret";

describe("token secrets", () => {
  it("are fl_ followed by 43 base64url characters (32 random bytes)", () => {
    const secret = generateTokenSecret();
    expect(secret).toMatch(tokenPattern);
    expect(secret).toMatch(/^fl_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(3), "base64url")).toHaveLength(32);
  });

  it("differ on every call", () => {
    const secrets = new Set(Array.from({ length: 50 }, generateTokenSecret));
    expect(secrets.size).toBe(50);
  });

  it.each([
    ["a short tail", `fl_${"A".repeat(42)}`],
    ["a long tail", `fl_${"A".repeat(44)}`],
    ["another prefix", `gh_${"A".repeat(43)}`],
    ["a padding character", `fl_${"A".repeat(42)}=`],
    ["surrounding space", ` fl_${"A".repeat(43)}`],
  ])("the pattern refuses %s", (_label, candidate) => {
    expect(tokenPattern.test(candidate)).toBe(false);
  });

  it("are stored as lower-case SHA-256 hex (FIPS 180-2 test vector)", () => {
    expect(hashTokenSecret("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("hash deterministically and differently per secret", () => {
    const secret = generateTokenSecret();
    expect(hashTokenSecret(secret)).toBe(hashTokenSecret(secret));
    expect(hashTokenSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTokenSecret(secret)).not.toBe(hashTokenSecret(generateTokenSecret()));
  });

  it("show only fl_ and six secret characters in lists", () => {
    const secret = generateTokenSecret();
    const prefix = tokenDisplayPrefix(secret);
    expect(prefix).toHaveLength(9);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(prefix.startsWith("fl_")).toBe(true);
  });
});
