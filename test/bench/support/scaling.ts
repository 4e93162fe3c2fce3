// The shape every list benchmark shares: seed a small catalogue, time the
// probes through the real route handlers, grow it 100-fold, time them again,
// and report p50/p95, the ratio against the goal and the query plans.
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import pg from "pg";
import { resetEnvCache } from "@/lib/env";
import type { BenchReport } from "./bench";
import {
  captureSql,
  explainRepeatedly,
  formatTable,
  timeInterleaved,
  type Explained,
  type Timing,
} from "./measure";

export const smallSize = 1_000;
export const largeSize = 100_000;
const warmup = 20;
const samples = 200;
const goalRatio = 1.5;
const explainRuns = 25;

export type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;
export type Probe = { label: string; handler: Handler; path: string };
type Measured = { timing: Timing; rows: number; plan: Explained; load: number };

export type ScalingBench = {
  title: string;
  /** Tables whose queries the plans are taken from. */
  tables: string[];
  /** Builds the probes once the database is configured (app modules are imported lazily). */
  probes: () => Promise<Probe[]>;
  /** Seeds rows [from, to] of whatever the probes list. */
  seed: (client: pg.Client, from: number, to: number) => Promise<void>;
};

export async function runScalingBench(bench: ScalingBench): Promise<BenchReport> {
  // The logger and the env cache are built on first import, so the variables
  // are set before any app module is loaded (hence the dynamic imports).
  process.env.LOG_LEVEL = "silent";
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex");
  process.env.FEDLENS_PUBLIC_URL = "http://localhost:3000";
  const { createTestDatabase } = await import("@/test/support/test-database");
  const database = await createTestDatabase("bench");
  const seeder = new pg.Client({ connectionString: database.url });
  try {
    process.env.DATABASE_URL = database.url;
    resetEnvCache();
    await seeder.connect();
    return await measure(bench, database.url, database.kind, seeder);
  } finally {
    await seeder.end().catch(() => undefined);
    try {
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
    } finally {
      await database.drop();
    }
  }
}

async function measure(
  bench: ScalingBench,
  url: string,
  kind: string,
  seeder: pg.Client,
): Promise<BenchReport> {
  const { createTestToken, createTestUser } = await import("@/test/factories/users");
  const { call } = await import("@/test/support/http");
  // An admin sees every row (a viewer would see only their own audit events).
  const token = await createTestToken(await createTestUser({ role: "admin" }));
  const probes = await bench.probes();

  async function request(probe: Probe): Promise<number> {
    const response = await call(probe.handler, { path: probe.path, token });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${probe.path}: ${response.status} ${body}`);
    return (JSON.parse(body) as { data: unknown[] }).data.length;
  }

  async function measureAll(size: number): Promise<Measured[]> {
    const rows = await Promise.all(probes.map((probe) => request(probe)));
    const load = loadavg()[0] ?? 0;
    const timings = await timeInterleaved(
      probes.map((probe) => async () => {
        await request(probe);
      }),
      { warmup, samples },
    );
    // The statement Prisma sent, replayed under EXPLAIN: the server-side time
    // shows whether the database or the per-request overhead moved.
    const results: Measured[] = [];
    for (const [index, probe] of probes.entries()) {
      const captured = await captureSql(bench.tables, async () => {
        await request(probe);
      });
      const statement = captured.at(-1);
      if (!statement) throw new Error(`${probe.path}: no query on ${bench.tables.join("/")} seen`);
      const plan = await explainRepeatedly(seeder, statement, explainRuns);
      const timing = timings[index] as Timing;
      results.push({ timing, rows: rows[index] ?? 0, plan, load });
      console.log(
        `  ${size}: ${probe.label}: p50 ${ms(timing.p50)}, p95 ${ms(timing.p95)}, db ${ms(plan.executionMs)}, ${rows[index]} rows`,
      );
    }
    return results;
  }

  console.log(`database: ${kind}; ${cpus().length} CPUs`);
  let started = performance.now();
  await bench.seed(seeder, 1, smallSize);
  await settle(seeder);
  console.log(`seeded ${smallSize} rows per table (${since(started)})`);
  const small = await measureAll(smallSize);
  started = performance.now();
  await bench.seed(seeder, smallSize + 1, largeSize);
  await settle(seeder);
  console.log(`grew to ${largeSize} rows per table (${since(started)})`);
  const large = await measureAll(largeSize);
  return report(bench.title, url, probes, small, large);
}

/** VACUUM ANALYZE also flushes the trigram indexes' pending lists, as autovacuum would after a bulk load. */
async function settle(client: pg.Client): Promise<void> {
  await client.query("VACUUM (ANALYZE)");
}

function report(
  title: string,
  url: string,
  probes: Probe[],
  small: Measured[],
  large: Measured[],
): BenchReport {
  const rows = probes.map((probe, index) => {
    const before = small[index] as Measured;
    const after = large[index] as Measured;
    const ratio = after.timing.p50 / before.timing.p50;
    return [
      probe.label,
      `${before.rows}/${after.rows}`,
      ms(before.timing.p50),
      ms(before.timing.p95),
      ms(after.timing.p50),
      ms(after.timing.p95),
      `${ratio.toFixed(2)}×`,
      `≤ ${goalRatio}×`,
      ratio <= goalRatio ? "yes" : "NO",
      `${ms(before.plan.executionMs)} → ${ms(after.plan.executionMs)}`,
    ];
  });
  const lines = formatTable(
    [
      "query",
      "rows 1k/100k",
      "p50 1k",
      "p95 1k",
      "p50 100k",
      "p95 100k",
      "p50 ratio",
      "goal",
      "met",
      "db exec 1k → 100k",
    ],
    rows,
  );
  const loads = `${(small[0]?.load ?? 0).toFixed(1)} at 1k, ${(large[0]?.load ?? 0).toFixed(1)} at 100k`;
  lines.push(
    "",
    `Handler times: ${samples} timed rounds after ${warmup} warm-up rounds, probes interleaved; ms.`,
    `db exec: median server-side Execution Time of ${explainRuns} EXPLAIN ANALYZE runs of the SQL Prisma sent; ms.`,
    `Load average (1 min) when timing began: ${loads} on ${cpus().length} CPUs; other load skews both.`,
    `Database: ${new URL(url).pathname.slice(1)} (dropped after the run).`,
    "",
    `EXPLAIN (ANALYZE, BUFFERS) at ${largeSize.toLocaleString("en")} rows:`,
  );
  probes.forEach((probe, index) => {
    const plan = (large[index] as Measured).plan;
    const warning = plan.hasSeqScan ? "  ⚠ SEQ SCAN: cost grows with the table" : "";
    lines.push("", `${probe.label}${warning}`, ...plan.lines.map((line) => `  ${line}`));
  });
  return { title: `${title}, ${smallSize} vs ${largeSize} rows`, lines };
}

function ms(value: number): string {
  return `${value.toFixed(2)}`;
}

function since(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)}s`;
}
