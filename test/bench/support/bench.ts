// The contract between test/bench/run.ts and each *.bench.ts: `run()` does its
// own setup and teardown and returns the figures to print. Benchmarks report;
// they never assert timings, which vary with the machine.

export type BenchReport = { title: string; lines: string[] };

export type BenchModule = { run: () => Promise<BenchReport> };

export function isBenchModule(value: unknown): value is BenchModule {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { run?: unknown }).run === "function"
  );
}

/** A report handed over from another process. */
export function isBenchReport(value: unknown): value is BenchReport {
  if (typeof value !== "object" || value === null) return false;
  const { title, lines } = value as { title?: unknown; lines?: unknown };
  return (
    typeof title === "string" &&
    Array.isArray(lines) &&
    lines.every((line) => typeof line === "string")
  );
}
