import { isBenchReport, type BenchReport } from "./bench";

// What a trust map measuring process hands back to trust-map.bench.ts, and
// the goals both sides judge against (issue 15).

export const goals = { buildMs: 3_000, scaling: 60, updateMs: 50 };

/** One process's report, and its first 100k build, which the build goal is judged on. */
export type TrustMapMeasurement = BenchReport & { firstBuildMs: number };

export function isTrustMapMeasurement(value: unknown): value is TrustMapMeasurement {
  return (
    isBenchReport(value) && typeof (value as { firstBuildMs?: unknown }).firstBuildMs === "number"
  );
}

/** The middle of some timings (the upper one of an even count), and their range. */
export function median(times: number[]): { median: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}
