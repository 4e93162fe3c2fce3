import { percentile } from "./measure";

// A sibling of timeInterleaved for probes of very different cost: each round
// runs every probe `repeat` times in turn, so a 50 µs probe gets enough
// samples beside a 10 ms one while both still share whatever load the machine
// has. Reports throughput (samples over their summed time) with the
// percentiles.

export type ThroughputProbe = { run: () => Promise<unknown>; repeat: number };
export type Throughput = { opsPerSecond: number; p50: number; p95: number; samples: number };

export async function timeThroughput(
  probes: readonly ThroughputProbe[],
  { warmupRounds, rounds }: { warmupRounds: number; rounds: number },
): Promise<Throughput[]> {
  for (let round = 0; round < warmupRounds; round += 1) {
    for (const probe of probes) for (let i = 0; i < probe.repeat; i += 1) await probe.run();
  }
  const durations = probes.map((): number[] => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, probe] of probes.entries()) {
      for (let i = 0; i < probe.repeat; i += 1) {
        const started = performance.now();
        await probe.run();
        durations[index]?.push(performance.now() - started);
      }
    }
  }
  return durations.map((list) => {
    const total = list.reduce((sum, value) => sum + value, 0);
    list.sort((a, b) => a - b);
    return {
      opsPerSecond: (list.length * 1000) / total,
      p50: percentile(list, 50),
      p95: percentile(list, 95),
      samples: list.length,
    };
  });
}

/** Median of `runs` timings of `fn`, in ms. */
export async function medianMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}
