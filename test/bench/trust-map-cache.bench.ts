// What the process's trust-map cache saves on GET /api/v1/graph (the route's
// work: the graph read, one page of 500, JSON; sign-in excluded), on the demo
// estate and on a generated estate of 10,000 bindings: the first read of a
// process (cold), a read with nothing changed (warm), a read after one
// audited binding edit, and the full rebuild every read made before the
// cache. Prints; never asserts.
import { randomBytes, randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { resetEnvCache } from "@/lib/env";
import type { BenchReport } from "./support/bench";
import { formatTable } from "./support/measure";
import { medianMs } from "./support/throughput";
import { seedCatalogue } from "./map-render.bench";

const runs = 5;
const benchAudience = "api://fedlens-bench";
/** 2% issuers, 30% targets, the rest workloads with one binding each: 10,000 bindings. */
const largeEstateNodes = 14_706;

async function graphRequest(): Promise<void> {
  const { loadGraphView } = await import("@/lib/trust-map/graph-view-load");
  const { pageGraphView } = await import("@/lib/trust-map/graph-view-page");
  JSON.stringify(pageGraphView(await loadGraphView(), { limit: 500 }));
}

/** The read before the cache: the whole catalogue loaded and judged again. */
async function uncachedRequest(): Promise<void> {
  const { loadTrustRows } = await import("@/lib/trust-map/load-trust-map");
  const { buildTrustMap } = await import("@/lib/trust-map/build-trust-map");
  const { buildGraphView } = await import("@/lib/trust-map/graph-view");
  const { pageGraphView } = await import("@/lib/trust-map/graph-view-page");
  const { catalogue, syncStates } = await loadTrustRows();
  const view = buildGraphView({ map: buildTrustMap(catalogue, { at: new Date() }), syncStates });
  JSON.stringify(pageGraphView(view, { limit: 500 }));
}

/** One audited edit of a binding's spec: another audience, then back. */
async function editOneBinding(): Promise<void> {
  const { getDb } = await import("@/lib/db/client");
  const { updateBinding } = await import("@/lib/catalog/bindings/update-binding");
  const { systemActor } = await import("@/lib/auth/actor");
  const binding = await getDb().binding.findFirstOrThrow({
    where: { cloud: "azure" },
    orderBy: { name: "asc" },
    select: { id: true, version: true, spec: true },
  });
  const spec = binding.spec as { audiences: string[] };
  const audiences =
    spec.audiences[0] === benchAudience ? ["api://AzureADTokenExchange"] : [benchAudience];
  await updateBinding({
    actor: systemActor("bench"),
    requestId: randomUUID(),
    id: binding.id,
    expectedVersion: binding.version,
    input: { spec: { ...spec, audiences } as never },
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measureEstate(label: string, seed: () => Promise<unknown>): Promise<string[]> {
  const { disconnectDb, getDb } = await import("@/lib/db/client");
  await seed();
  const bindings = await getDb().binding.count();
  // A new client is a new cache: the next read is a process's first.
  await disconnectDb();
  const cold = await timed(graphRequest);
  const warm = await medianMs(graphRequest, runs);
  const { readTrustSnapshot } = await import("@/lib/trust-map/trust-map-cache");
  const replays: number[] = [];
  const changes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await editOneBinding();
    // The map's share apart (the edit replayed), then the request (findings recomputed).
    replays.push(await timed(() => readTrustSnapshot().then(() => undefined)));
    changes.push(await timed(graphRequest));
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const afterChange = median(changes.map((time, index) => time + (replays[index] ?? 0)));
  const uncached = await medianMs(uncachedRequest, 3);
  return [label, String(bindings), cold, warm, afterChange, median(replays), uncached].map(
    (cell) => (typeof cell === "number" ? cell.toFixed(1) : cell),
  );
}

export async function run(): Promise<BenchReport> {
  process.env.LOG_LEVEL = "silent";
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex");
  process.env.FEDLENS_PUBLIC_URL = "http://localhost:3000";
  const { createTestDatabase } = await import("@/test/support/test-database");
  const database = await createTestDatabase("bench_map_cache");
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  try {
    const { seedDemo } = await import("@/lib/db/seed-demo");
    const rows = [
      await measureEstate("demo estate", seedDemo),
      await measureEstate("generated", () => seedCatalogue(largeEstateNodes)),
    ];
    return {
      title: `GET /api/v1/graph with the trust-map cache, ms (median of ${runs}; ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)})`,
      lines: formatTable(
        [
          "estate",
          "bindings",
          "cold",
          "warm",
          "after one edit",
          "of which the map",
          "rebuilt (no cache, no findings)",
        ],
        rows,
      ),
    };
  } finally {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await database.drop();
  }
}
