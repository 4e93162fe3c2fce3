import { describe, expect, it } from "vitest";
import { mapLimited } from "@/lib/map-limited";

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("mapLimited", () => {
  it("keeps the items' order in its results, with at most `limit` in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < n; i += 1) await tick();
      inFlight -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it("tells each item its lane, and a lane never runs two items at once", async () => {
    const busy = new Set<number>();
    const lanes: number[] = [];
    await mapLimited([3, 1, 1, 2, 1, 1], 3, async (n, lane) => {
      expect(busy.has(lane)).toBe(false);
      busy.add(lane);
      lanes.push(lane);
      for (let i = 0; i < n; i += 1) await tick();
      busy.delete(lane);
    });
    expect(lanes).toHaveLength(6);
    expect(new Set(lanes)).toEqual(new Set([0, 1, 2]));
  });

  it("starts no item after a failure and throws the first one once the others are done", async () => {
    const started: number[] = [];
    let finished = 0;
    const run = mapLimited([1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error("one failed");
      await tick();
      finished += 1;
    });
    await expect(run).rejects.toThrow("one failed");
    expect(started).toEqual([1, 2]);
    expect(finished).toBe(1);
  });
});
