// The ideal an apply is measured against: each serial parent (an Azure
// identity, an AWS role, a GCP service account) costs the sum of its
// changes' request round trips × the latency, since its changes cannot
// overlap; parents overlap up to the job's parallel bound.

/** The makespan of `durations` run in this order, each taken by the first lane to free up (what mapLimited does). */
export function makespan(durations: number[], lanes: number): number {
  const load = new Array<number>(Math.max(1, lanes)).fill(0);
  for (const ms of durations) {
    let least = 0;
    for (let i = 1; i < load.length; i += 1) if ((load[i] ?? 0) < (load[least] ?? 0)) least = i;
    load[least] = (load[least] ?? 0) + ms;
  }
  return Math.max(...load);
}

/** The makespan when the longest parents start first (LPT): the ideal. */
export const longestFirst = (durations: number[], lanes: number) =>
  makespan(
    [...durations].sort((a, b) => b - a),
    lanes,
  );

/** One call of a writer, as the bench's wrapper saw it. */
export type WriterCall = { cloud: string; parent: string; start: number; end: number };

/**
 * Per cloud: the mean time inside the writer per change, and the mean gap
 * between two writer calls of one parent: the database work the lane waits
 * for (marking the next change `applying`, and recording an outcome with its
 * audit event unless that overlaps the next write).
 */
export function callProfile(calls: WriterCall[]) {
  const byCloud = new Map<string, { inWriter: number[]; gaps: number[] }>();
  const byParent = new Map<string, WriterCall[]>();
  for (const call of calls) {
    const list = byParent.get(`${call.cloud} ${call.parent}`) ?? [];
    list.push(call);
    byParent.set(`${call.cloud} ${call.parent}`, list);
    const entry = byCloud.get(call.cloud) ?? { inWriter: [], gaps: [] };
    entry.inWriter.push(call.end - call.start);
    byCloud.set(call.cloud, entry);
  }
  for (const list of byParent.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i += 1) {
      const gap = (list[i] as WriterCall).start - (list[i - 1] as WriterCall).end;
      byCloud.get((list[i] as WriterCall).cloud)?.gaps.push(gap);
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  const p = (xs: number[], q: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  return [...byCloud].map(([cloud, { inWriter, gaps }]) => ({
    cloud,
    calls: inWriter.length,
    writerMean: mean(inWriter),
    writerP95: p(inWriter, 0.95),
    gapMean: mean(gaps),
    gapP95: p(gaps, 0.95),
  }));
}
