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
