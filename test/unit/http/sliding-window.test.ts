import { describe, expect, it } from "vitest";
import { msUntilRoom, slidingCount, windowIndex } from "@/lib/http/sliding-window";

const windowMs = 60_000;
const limit = 120;

describe("slidingCount", () => {
  it("weighs the previous window by how much of it the sliding window still covers", () => {
    expect(slidingCount({ previous: 120, current: 0, elapsedMs: 0 }, windowMs)).toBe(120);
    expect(slidingCount({ previous: 120, current: 10, elapsedMs: 15_000 }, windowMs)).toBe(100);
    expect(slidingCount({ previous: 120, current: 10, elapsedMs: 59_999 }, windowMs)).toBeCloseTo(
      10,
    );
  });

  it("admits only 2 more at the start of a window whose predecessor ended in a full burst", () => {
    // 120 in the last second of window 0, then the first second of window 1:
    // a fixed window would admit another 120 here.
    expect(windowIndex(new Date(59_000), windowMs)).toBe(0);
    expect(windowIndex(new Date(61_000), windowMs)).toBe(1);
    const admitted = (current: number) =>
      slidingCount({ previous: 120, current, elapsedMs: 1_000 }, windowMs) <= limit;
    expect([1, 2, 3].map(admitted)).toEqual([true, true, false]);
  });
});

describe("msUntilRoom", () => {
  it("is 0 while there is room", () => {
    expect(msUntilRoom({ previous: 0, current: 119, elapsedMs: 0 }, limit, windowMs)).toBe(0);
  });

  it("waits inside the window until the previous window's weight has shrunk enough", () => {
    const counts = { previous: 60, current: 90, elapsedMs: 30_000 };
    const wait = msUntilRoom(counts, limit, windowMs);
    expect(wait).toBeCloseTo(1_000, 6);
    const fits = (elapsedMs: number) =>
      slidingCount({ ...counts, elapsedMs }, windowMs) + 1 <= limit;
    expect([fits(30_000 + wait - 1), fits(30_000 + wait + 1)]).toEqual([false, true]);
  });

  it("waits past the boundary when this window alone is full, then until its weight shrinks", () => {
    const wait = msUntilRoom({ previous: 0, current: 120, elapsedMs: 45_000 }, limit, windowMs);
    expect(wait).toBeCloseTo(15_000 + 500, 6);
    const fits = (elapsedMs: number) =>
      slidingCount({ previous: 120, current: 0, elapsedMs }, windowMs) + 1 <= limit;
    expect([fits(499), fits(501)]).toEqual([false, true]);
  });
});
