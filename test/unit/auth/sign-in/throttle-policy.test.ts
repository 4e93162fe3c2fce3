import { describe, expect, it } from "vitest";
import {
  describeRetryAfter,
  signInDelaySeconds,
  signInWaitSeconds,
} from "@/lib/auth/sign-in/throttle-policy";

const now = new Date("2026-12-06T12:00:00.000Z");
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("signInDelaySeconds", () => {
  it("waits nothing for three failures, then doubles from 2 s up to 15 minutes", () => {
    const delays = Array.from({ length: 16 }, (_, index) => signInDelaySeconds(index + 1));
    expect(delays).toEqual([0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
  });
});

describe("signInWaitSeconds", () => {
  it.each<[string, { failures: number; lastFailureAt: Date } | null, number]>([
    ["no failures", null, 0],
    ["three failures just now", { failures: 3, lastFailureAt: now }, 0],
    ["four failures just now", { failures: 4, lastFailureAt: now }, 2],
    ["six failures 3 s ago", { failures: 6, lastFailureAt: secondsAgo(3) }, 5],
    ["six failures 2.5 s ago (rounded up)", { failures: 6, lastFailureAt: secondsAgo(2.5) }, 6],
    ["six failures 8 s ago", { failures: 6, lastFailureAt: secondsAgo(8) }, 0],
    ["fifty failures 10 minutes ago", { failures: 50, lastFailureAt: secondsAgo(600) }, 300],
    ["fifty failures a day ago", { failures: 50, lastFailureAt: secondsAgo(86_400) }, 0],
  ])("is right for %s", (_label, run, expected) => {
    expect(signInWaitSeconds(run, now)).toBe(expected);
  });
});

describe("describeRetryAfter", () => {
  it.each([
    [1, "Try again in 1 second."],
    [8, "Try again in 8 seconds."],
    [59, "Try again in 59 seconds."],
    [60, "Try again in 1 minute."],
    [61, "Try again in 2 minutes."],
    [900, "Try again in 15 minutes."],
  ])("says %i s as %j", (seconds, text) => {
    expect(describeRetryAfter(seconds)).toBe(text);
  });
});
