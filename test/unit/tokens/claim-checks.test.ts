import { describe, expect, it } from "vitest";
import { checkClaims, formatDuration } from "@/lib/tokens/claim-checks";
import { claimsAt, fixedNow } from "@/test/unit/tokens/support/forge";

const now = fixedNow.getTime() / 1000;
const check = (overrides: Record<string, unknown>) =>
  checkClaims(claimsAt(overrides), { now: fixedNow });
const errors = (overrides: Record<string, unknown>) =>
  check(overrides).filter((issue) => issue.severity === "error");

describe("checkClaims", () => {
  it("finds nothing wrong with a plausible workload token", () => {
    expect(check({})).toEqual([]);
  });

  it.each([
    ["exp 1e308 (J13)", { exp: 1e308 }, "exp is 1e+308, outside the years 1970–2200."],
    [
      "exp 1e999, which JSON reads as Infinity (J13)",
      { exp: Number.POSITIVE_INFINITY },
      "exp is not a finite NumericDate: a number too large for JSON's doubles (such as 1e999) reads as Infinity.",
    ],
    [
      "exp -1e999 (J13)",
      { exp: Number.NEGATIVE_INFINITY },
      "exp is not a finite NumericDate: a number too large for JSON's doubles (such as 1e999) reads as -Infinity.",
    ],
    [
      "exp 9007199254740993 (J13)",
      { exp: 9007199254740993 },
      "exp is 9007199254740992, outside the years 1970–2200.",
    ],
    ["iat -0 (J13)", { iat: -0 }, "iat is -0, not a plausible NumericDate."],
    ["a negative nbf", { nbf: -1 }, "nbf is -1, outside the years 1970–2200."],
    [
      "exp as a string (J14)",
      { exp: "1735689600" },
      "exp must be a number (a NumericDate, RFC 7519 §2), not a string.",
    ],
    [
      "exp null (J14)",
      { exp: null },
      "exp must be a number (a NumericDate, RFC 7519 §2), not null.",
    ],
    [
      "exp true (J14)",
      { exp: true },
      "exp must be a number (a NumericDate, RFC 7519 §2), not a boolean.",
    ],
    [
      "nbf 'now' (J14)",
      { nbf: "now" },
      "nbf must be a number (a NumericDate, RFC 7519 §2), not a string.",
    ],
    [
      "iat '0' (J14)",
      { iat: "0" },
      "iat must be a number (a NumericDate, RFC 7519 §2), not a string.",
    ],
    [
      "exp in year 10000",
      { exp: 253402300800 },
      "exp is 253402300800, outside the years 1970–2200.",
    ],
    ["exp 5 s ago (J16)", { exp: now - 5 }, "The token expired 5 s ago."],
    ["exp equal to now (RFC 7519 §4.1.4)", { exp: now }, "The token expired 0 s ago."],
    [
      "nbf 120 s ahead (J16)",
      { nbf: now + 120 },
      "The token is not valid yet: nbf is 2 min (120 s) from now.",
    ],
    [
      "iat an hour ahead (J16)",
      { iat: now + 3600, exp: now + 7200 },
      "The token was issued in the future: iat is 60 min (3,600 s) from now (more than 60 s of clock skew).",
    ],
    ["exp 10 min ago", { iat: now - 900, exp: now - 600 }, "The token expired 10 min (600 s) ago."],
    [
      "aud an empty array (J17)",
      { aud: [] },
      "aud is an empty array: the token names no audience.",
    ],
    [
      "aud with a number (J17)",
      { aud: [1, "api://x"] },
      "aud[0] is a number; every audience must be a non-empty string.",
    ],
    [
      "aud an object (J17)",
      { aud: { a: "x" } },
      "aud must be a string or an array of strings, not an object.",
    ],
    ["aud an empty string", { aud: "" }, "aud is an empty string."],
    ["sub a number", { sub: 42 }, "sub must be a string, not a number."],
    ["iss an array", { iss: ["https://a"] }, "iss must be a string, not an array."],
    ["an empty iss", { iss: "" }, "iss is an empty string."],
  ])("refuses %s", (_label, overrides, message) => {
    expect(errors(overrides).map((issue) => issue.message)).toContain(message);
  });

  it.each(["iss", "sub", "aud", "exp", "iat"])(
    "requires %s (SECURITY.md 1.1 step 6; J17 missing aud)",
    (claim) => {
      expect(errors({ [claim]: undefined }).filter((issue) => issue.claim === claim)).toEqual([
        { claim, severity: "error", message: `${claim} is missing.` },
      ]);
    },
  );

  it("does not require nbf", () => {
    expect(check({ nbf: undefined })).toEqual([]);
  });

  it.each([
    ["a float exp (J15)", { exp: now + 300.5 }],
    ["iat 59 s ahead, inside the skew", { iat: now + 59 }],
    ["aud a one-element array (J17)", { aud: ["x"] }],
    ["aud with several members (J17)", { aud: ["y", "x"] }],
  ])("accepts %s", (_label, overrides) => {
    expect(check(overrides)).toEqual([]);
  });

  it("warns, without refusing, when the lifetime exceeds the policy (J15)", () => {
    const tenYears = 10 * 365.25 * 86_400;
    expect(check({ iat: now - 60, exp: now - 60 + tenYears })).toEqual([
      {
        claim: "exp",
        severity: "warning",
        message:
          "The token lives 10 years (315,576,000 s) (exp − iat), longer than 24 h (86,400 s).",
      },
    ]);
  });

  it("refuses an exp that is not after iat", () => {
    expect(errors({ iat: now + 30, exp: now + 20 }).map((issue) => issue.message)).toContain(
      "exp is not after iat: the token was issued already expired.",
    );
  });

  it("refuses an nbf at or after exp", () => {
    expect(errors({ nbf: now + 600, exp: now + 600 }).map((issue) => issue.message)).toContain(
      "nbf is not before exp: the token is never valid.",
    );
  });

  it("warns about whitespace around iss, which Entra refuses (J18)", () => {
    expect(check({ iss: " https://issuer.example" })).toEqual([
      {
        claim: "iss",
        severity: "warning",
        message:
          "iss has leading or trailing whitespace; Entra refuses such tokens and no issuer URL matches it.",
      },
    ]);
  });

  it("honours a configured skew and lifetime", () => {
    const issues = checkClaims(claimsAt({ iat: now + 30, exp: now + 3_600 }), {
      now: fixedNow,
      skewSeconds: 10,
      maxLifetimeSeconds: 600,
    });
    expect(issues.map((issue) => [issue.claim, issue.severity])).toEqual([
      ["iat", "error"],
      ["exp", "warning"],
    ]);
  });

  it("does not run time checks on a date claim of the wrong type", () => {
    expect(errors({ exp: "soon" }).map((issue) => issue.claim)).toEqual(["exp"]);
  });
});

describe("formatDuration", () => {
  it.each([
    [5, "5 s"],
    [-5, "5 s"],
    [119.4, "119 s"],
    [3_600, "60 min (3,600 s)"],
    [86_400, "24 h (86,400 s)"],
    [864_000, "10 days (864,000 s)"],
  ])("formats %d seconds as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
