import { describe, expect, it } from "vitest";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import { driftIntervalSeconds } from "@/lib/jobs/drift-interval";
import { describeJobError } from "@/lib/jobs/job-error";

describe("drift interval", () => {
  it.each([
    ["90s", 90],
    ["15m", 900],
    ["2h", 7200],
  ])("reads %s as %i seconds", (value, seconds) => {
    expect(driftIntervalSeconds(value)).toBe(seconds);
  });

  it("reads off as no periodic check, and refuses a zero or malformed interval", () => {
    expect(driftIntervalSeconds("off")).toBeNull();
    expect(() => driftIntervalSeconds("0s")).toThrow(/at least one second/);
    expect(() => driftIntervalSeconds("15 minutes")).toThrow(/Not a drift interval/);
  });
});

describe("job failures as logged", () => {
  it("keep the cloud's code and message and drop tokens a message carries", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvYXBwIn0.c2lnbmF0dXJl";
    const error = new CloudCallError({
      kind: "denied",
      code: "AuthorizationFailed",
      message: `no access for ${jwt}`,
      cause: "c",
      fix: "f",
    });

    const described = describeJobError(error);

    expect(described).toEqual({
      name: "CloudCallError",
      code: "AuthorizationFailed",
      message: "AuthorizationFailed: no access for [jwt]",
    });
    expect(JSON.stringify(describeJobError(new Error(`Bearer ${jwt}`)))).not.toContain(jwt);
  });
});
