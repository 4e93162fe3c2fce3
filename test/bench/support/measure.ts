import pg from "pg";

export type Timing = { p50: number; p95: number; samples: number };

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("no samples");
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * Round-robin over the probes: warm-up rounds first (JIT, plan cache, buffer
 * cache), then `samples` timed rounds. Interleaving spreads any load from
 * other processes over every probe instead of landing on whichever ran then.
 */
export async function timeInterleaved(
  probes: readonly (() => Promise<void>)[],
  { warmup, samples }: { warmup: number; samples: number },
): Promise<Timing[]> {
  for (let round = 0; round < warmup; round += 1) for (const probe of probes) await probe();
  const durations = probes.map((): number[] => []);
  for (let round = 0; round < samples; round += 1) {
    for (const [index, probe] of probes.entries()) {
      const started = performance.now();
      await probe();
      durations[index]?.push(performance.now() - started);
    }
  }
  return durations.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p95: percentile(list, 95), samples };
  });
}

export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}

export type CapturedQuery = { text: string; values: unknown[] };

type QueryFn = (...args: unknown[]) => unknown;

/**
 * The SQL Prisma actually sent while `fn` ran, for the given tables. Prisma's
 * pg adapter goes through pg.Client#query (pooled clients included), so
 * wrapping the prototype for the duration sees every statement without
 * touching lib/db.
 */
export async function captureSql(
  tables: readonly string[],
  fn: () => Promise<void>,
): Promise<CapturedQuery[]> {
  const prototype = pg.Client.prototype as unknown as { query: QueryFn };
  const original = prototype.query;
  const captured: CapturedQuery[] = [];
  const fromTable = new RegExp(`FROM\\s+(?:"public"\\.)?"(?:${tables.join("|")})"`, "i");
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args;
    const text = typeof config === "string" ? config : (config as { text?: unknown })?.text;
    if (typeof text === "string" && /^\s*SELECT/i.test(text) && fromTable.test(text)) {
      const configValues =
        typeof config === "object" ? (config as { values?: unknown }).values : [];
      captured.push({ text, values: (Array.isArray(values) ? values : configValues) as unknown[] });
    }
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    prototype.query = original;
  }
  return captured;
}

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Scan Direction"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Actual Total Time"?: number;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
};

export type Explained = { lines: string[]; hasSeqScan: boolean; executionMs: number };

function describeNode(node: PlanNode): string {
  const backward = node["Scan Direction"] === "Backward" ? " Backward" : "";
  const index = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
  const relation = node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
  const rows = node["Actual Rows"] ?? 0;
  const loops = node["Actual Loops"] ?? 1;
  const time = (node["Actual Total Time"] ?? 0).toFixed(3);
  const buffers = `hit=${node["Shared Hit Blocks"] ?? 0} read=${node["Shared Read Blocks"] ?? 0}`;
  const removed = node["Rows Removed by Filter"];
  const filtered = removed ? ` removed by filter=${removed}` : "";
  return `${node["Node Type"]}${backward}${index}${relation} (rows=${rows}${filtered} loops=${loops} ${time} ms, buffers ${buffers})`;
}

function walk(node: PlanNode, depth: number, lines: string[]): boolean {
  lines.push(`${"  ".repeat(depth)}${depth === 0 ? "" : "-> "}${describeNode(node)}`);
  let seq = node["Node Type"] === "Seq Scan";
  for (const child of node.Plans ?? []) seq = walk(child, depth + 1, lines) || seq;
  return seq;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement with its own parameter values. */
export async function explain(client: pg.Client, query: CapturedQuery): Promise<Explained> {
  const { rows } = await client.query<{
    "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }];
  }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`, query.values);
  const result = rows[0]?.["QUERY PLAN"][0];
  if (!result) throw new Error("EXPLAIN returned no plan");
  const lines: string[] = [];
  const hasSeqScan = walk(result.Plan, 0, lines);
  return { lines, hasSeqScan, executionMs: result["Execution Time"] };
}

/** Median server-side execution time over `runs` EXPLAIN ANALYZE runs, and the last plan. */
export async function explainRepeatedly(
  client: pg.Client,
  query: CapturedQuery,
  runs: number,
): Promise<Explained> {
  const times: number[] = [];
  let last: Explained | undefined;
  for (let run = 0; run < runs; run += 1) {
    last = await explain(client, query);
    times.push(last.executionMs);
  }
  times.sort((a, b) => a - b);
  if (!last) throw new Error("runs must be at least 1");
  return { ...last, executionMs: percentile(times, 50) };
}
