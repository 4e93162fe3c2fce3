import { describe, expect, it } from "vitest";
import { durationText, isoOf, numericDate, relativeTime } from "@/components/diagnose/token-times";

const now = 1_795_442_000;

describe("relativeTime", () => {
  it.each([
    ["the same second", now, "now"],
    ["30 s ahead", now + 30, "in 30 s"],
    ["4 min ahead", now + 240, "in 4 min"],
    ["2 h ago", now - 7200, "2 h ago"],
    ["89 s ago, still in seconds", now - 89, "89 s ago"],
    ["89 min ahead, still in minutes", now + 89 * 60, "in 89 min"],
    ["47 h ahead, still in hours", now + 47 * 3600, "in 47 h"],
    ["3 days ago", now - 3 * 86_400, "3 days ago"],
    ["6 months ahead", now + 183 * 86_400, "in 6 months"],
    ["10 years ago", now - 3_652 * 86_400, "10 years ago"],
  ])("says %s", (_name, seconds, text) => {
    expect(relativeTime(seconds, now)).toBe(text);
  });
});

describe("numericDate", () => {
  it.each([
    ["a whole number of seconds", now, now],
    ["a fractional NumericDate", now + 0.5, now + 0.5],
    ["the epoch", 0, 0],
    ["a string", String(now), null],
    ["Infinity, which 1e999 reads as", Number.POSITIVE_INFINITY, null],
    ["a negative number", -1, null],
    ["a date past 2200", 7_258_118_401, null],
    ["null", null, null],
  ])("reads %s", (_name, value, seconds) => {
    expect(numericDate(value)).toBe(seconds);
  });
});

describe("isoOf and durationText", () => {
  it("formats seconds as UTC ISO-8601", () => {
    expect(isoOf(1_795_442_332)).toBe("2026-11-23T13:58:52.000Z");
  });

  it.each([
    [300, "5 min"],
    [-3600, "60 min"],
    [90_000, "25 h"],
  ])("names a %s s span %s", (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });
});
