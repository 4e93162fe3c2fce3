import { describe, expect, it } from "vitest";
import { timelineOf } from "@/components/diagnose/timeline";

const now = 1_795_442_000;
const keysOf = (claims: Record<string, unknown>, at = now) =>
  timelineOf(claims, at).markers.map((marker) => marker.keys.join("+"));

describe("timelineOf", () => {
  it("orders iat, nbf, now and exp along the bar and merges markers at the same time", () => {
    const claims = { iat: now - 60, nbf: now - 60, exp: now + 300 };
    expect(keysOf(claims)).toEqual(["iat+nbf", "now", "exp"]);
    const { markers, window, state } = timelineOf(claims, now);
    expect(markers.every((marker) => marker.percent > 0 && marker.percent < 100)).toBe(true);
    expect(window?.from).toBeCloseTo(markers[0]!.percent);
    expect(window?.to).toBeCloseTo(markers[2]!.percent);
    expect(state).toBe("valid");
  });

  it.each([
    ["expired", "expired", { iat: now - 600, exp: now - 300 }, ["iat", "exp", "now"]],
    ["expired at exactly exp", "expired", { iat: now - 600, exp: now }, ["iat", "exp+now"]],
    [
      "not yet valid",
      "not yet valid",
      { iat: now - 10, nbf: now + 600, exp: now + 900 },
      ["iat+now", "nbf", "exp"],
    ],
    ["without expiry", "no expiry", { iat: now - 600 }, ["iat", "now"]],
  ])("says a token %s is %s", (_name, state, claims, keys) => {
    expect(timelineOf(claims, now).state).toBe(state);
    expect(keysOf(claims)).toEqual(keys);
  });

  it("leaves out times that are not NumericDates", () => {
    expect(keysOf({ iat: "yesterday", nbf: Number.POSITIVE_INFINITY, exp: now + 60 })).toEqual([
      "now",
      "exp",
    ]);
    expect(timelineOf({ exp: "soon" }, now).window).toBeNull();
  });
});
