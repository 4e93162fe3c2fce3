// Apply at scale (issue 13, "Done when"): 1,000 bindings over 50 Azure
// managed identities, 50 AWS roles and 10 GCP service accounts, planned and
// applied through the real use-cases, writers and SDKs against the three
// emulators (in a worker thread, https with per-run CAs), every API request
// 25 ms late, on a real Postgres database. Then a second plan and apply,
// which must write nothing. Reports; never asserts a timing (goal ≤ 1.3 ×
// the ideal, see sync-apply-ideal.ts).
//
// A plan reads at most 100 targets (lib/sync/plan/resolve-plan-scope.ts) and
// this catalogue has 101 (50 identities, 50 roles, 1 GCP provider), so the
// bench plans one connection at a time, as that limit's message tells an
// operator to, and applies the three plans one after another, as the worker
// (one sync-apply job at a time) would.
import { randomBytes, randomUUID } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import type { CloudWriter } from "@/lib/clouds/adapter-types";
import type { Cloud } from "@/lib/clouds/types";
import { resetEnvCache } from "@/lib/env";
import type { BenchReport } from "./support/bench";
import { countOf, shape, type Tally } from "./sync-apply-clouds";
import { startRemoteClouds, type RemoteClouds } from "./sync-apply-remote-clouds";
import { countStatements } from "./support/count-statements";
import { callProfile, longestFirst, makespan, type WriterCall } from "./sync-apply-ideal";

const clouds3 = ["azure", "aws", "gcp"] as const;
type CloudName = (typeof clouds3)[number];

const ms = (value: number) => `${value.toFixed(0)} ms`;
const since = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

export async function run(): Promise<BenchReport> {
  // The logger and the env cache are built on first use, so the variables are
  // set before any app module is loaded (hence the dynamic imports).
  process.env.LOG_LEVEL = "silent";
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex");
  process.env.FEDLENS_PUBLIC_URL = "http://localhost:3000";
  process.env.FEDLENS_SECRET_KEY = randomBytes(32).toString("base64");
  process.env.FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS = "127.0.0.1";
  resetEnvCache();
  const { createTestDatabase } = await import("@/test/support/test-database");
  const database = await createTestDatabase("bench_apply");
  const clouds = await startRemoteClouds();
  try {
    process.env.DATABASE_URL = database.url;
    resetEnvCache();
    return await measure(clouds, database.kind);
  } finally {
    await clouds.stop();
    try {
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
    } finally {
      await database.drop();
    }
  }
}

type Plans = Record<CloudName, string>;

async function measure(clouds: RemoteClouds, databaseKind: string): Promise<BenchReport> {
  const { createTestUser } = await import("@/test/factories/users");
  const { buildCatalogue } = await import("./sync-apply-catalogue");
  const { createSyncPlan } = await import("@/lib/sync/plan/create-sync-plan");
  const { startApply } = await import("@/lib/sync/apply/start-apply");
  const { runApplyJob, defaultParallelWrites } = await import("@/lib/sync/apply/run-apply-job");
  const { cloudWriter } = await import("@/lib/clouds/writers");
  const { getDb } = await import("@/lib/db/client");
  const lanes = defaultParallelWrites;

  console.log(`database: ${databaseKind}; ${availableParallelism()} CPUs`);
  const admin = await createTestUser({ role: "admin" });
  const caller = () => ({ actor: admin.actor, requestId: randomUUID() });
  let started = performance.now();
  const catalogue = await buildCatalogue(admin, clouds);
  console.log(`catalogued ${catalogue.bindings} bindings (${since(started)})`);

  // Every applyChange, timed, with the parent the job grouped it under.
  let calls: WriterCall[] = [];
  const wrapped = new Map<Cloud, CloudWriter>();
  const writerFor = (cloud: Cloud): CloudWriter => {
    let writer = wrapped.get(cloud);
    if (!writer) {
      const inner = cloudWriter(cloud);
      writer = {
        describeChange: inner.describeChange,
        serialKey: inner.serialKey,
        async applyChange(connection, target, change, options) {
          const start = performance.now();
          try {
            return await inner.applyChange(connection, target, change, options);
          } finally {
            calls.push({
              cloud,
              parent: inner.serialKey(target, change),
              start,
              end: performance.now(),
            });
          }
        },
      };
      wrapped.set(cloud, writer);
    }
    return writer;
  };

  async function planAll(): Promise<{
    plans: Plans;
    pending: Record<CloudName, number>;
    ms: number;
  }> {
    const began = performance.now();
    const plans = {} as Plans;
    const pending = {} as Record<CloudName, number>;
    for (const cloud of clouds3) {
      const scope = { kind: "connection" as const, id: catalogue.connections[cloud] };
      plans[cloud] = (await createSyncPlan({ ...caller(), scope })).id;
      pending[cloud] = await getDb().syncOperation.count({
        where: { planId: plans[cloud], status: "pending" },
      });
    }
    return { plans, pending, ms: performance.now() - began };
  }

  async function applyAll(plans: Plans) {
    // Approval re-reads the clouds (the plan must still be fresh): not timed.
    for (const cloud of clouds3) {
      await startApply({ ...caller(), planId: plans[cloud], mode: "pending", enqueue: false });
    }
    await clouds.clearLogs();
    calls = [];
    const wall = {} as Record<CloudName, number>;
    const span = {} as Record<CloudName, { start: number; end: number }>;
    const cpu = process.cpuUsage();
    const stopProfile = await startProfile();
    const statements = countStatements();
    const began = performance.now();
    for (const cloud of clouds3) {
      const jobStarted = performance.now();
      await runApplyJob({ planId: plans[cloud] }, { writerFor, parallelWrites: lanes });
      wall[cloud] = performance.now() - jobStarted;
      span[cloud] = { start: jobStarted, end: performance.now() };
    }
    const total = performance.now() - began;
    const sql = statements.stop();
    const { user, system } = process.cpuUsage(cpu);
    await stopProfile();
    const statuses = await getDb().syncPlan.findMany({
      where: { id: { in: Object.values(plans) } },
      select: { status: true },
    });
    const outcomes = await getDb().syncOperation.groupBy({
      by: ["status"],
      where: { planId: { in: Object.values(plans) } },
      _count: true,
    });
    return {
      wall,
      span,
      sql,
      total,
      cpuMs: (user + system) / 1000,
      tally: await clouds.tallies(),
      calls,
      planStatuses: statuses.map((s) => s.status),
      outcomes: Object.fromEntries(outcomes.map((o) => [o.status, o._count])),
    };
  }

  // ---- First plan and apply: 1,000 creates.
  const first = await planAll();
  console.log(
    `planned ${clouds3.map((c) => `${c} ${first.pending[c]}`).join(", ")} pending changes (${ms(first.ms)})`,
  );
  const applied = await applyAll(first.plans);
  console.log(`applied in ${ms(applied.total)}: ${JSON.stringify(applied.outcomes)}`);
  const state = await clouds.state();

  // ---- Second plan and apply: nothing left to write.
  started = performance.now();
  const second = await planAll();
  const again = await applyAll(second.plans);
  const secondMs = performance.now() - started;
  const secondWrites = clouds3.reduce((sum, c) => sum + countOf(again.tally[c], "write"), 0);
  const replanned = await getDb().syncOperation.findMany({
    where: { planId: { in: Object.values(second.plans) }, op: { not: "no-op" } },
    select: { op: true, differences: true },
    take: 1,
  });

  // ---- The ideal: per cloud, the round trips one change costs (reads and
  // writes the writer sent, per change, from the emulators' logs; sign-ins
  // are a per-connection cost, listed apart), summed per serial parent.
  const changes = Object.fromEntries(
    clouds3.map((c) => [c, applied.calls.filter((call) => call.cloud === c).length]),
  ) as Record<CloudName, number>;
  const tripsPerChange = Object.fromEntries(
    clouds3.map((c) => {
      const t = applied.tally[c];
      return [c, (countOf(t, "read") + countOf(t, "write")) / Math.max(1, changes[c])];
    }),
  ) as Record<CloudName, number>;
  const parentsOf = (cloud: CloudName) => {
    const order: string[] = [];
    const count = new Map<string, number>();
    for (const call of [...applied.calls]
      .filter((c) => c.cloud === cloud)
      .sort((a, b) => a.start - b.start)) {
      if (!count.has(call.parent)) order.push(call.parent);
      count.set(call.parent, (count.get(call.parent) ?? 0) + 1);
    }
    return order.map(
      (parent) => (count.get(parent) ?? 0) * tripsPerChange[cloud] * shape.latencyMs,
    );
  };
  const perJob = clouds3.map((cloud) => {
    const durations = parentsOf(cloud);
    const own = applied.calls.filter((call) => call.cloud === cloud);
    const { start, end } = applied.span[cloud];
    return {
      cloud,
      // The job's own work outside the writes: loading the steps and opening
      // the targets before the first, the last records and the plan's status after.
      before: Math.min(...own.map((call) => call.start)) - start,
      after: end - Math.max(...own.map((call) => call.end)),
      parents: durations.length,
      ideal: longestFirst(durations, lanes),
      inStartOrder: makespan(durations, lanes),
      serialSum: durations.reduce((s, d) => s + d, 0),
    };
  });
  const ideal = perJob.reduce((s, j) => s + j.ideal, 0);
  const oneJobIdeal = longestFirst(clouds3.flatMap(parentsOf), lanes);
  const ratio = applied.total / ideal;
  const profile = callProfile(applied.calls);

  const lines = [
    `split                ${describeSplit()}`,
    `catalogue            ${catalogue.bindings} bindings; ${first.pending.azure + first.pending.aws + first.pending.gcp} pending changes planned in ${ms(first.ms)} (3 plans, one per connection)`,
    `latency per request  ${shape.latencyMs} ms (every emulator request; Azure's sign-in endpoint excepted)`,
    `parallel bound       ${lanes} parents at once per job (parallelWrites, the default); jobs one after another`,
    ``,
    `requests per change, counted in the emulators' logs during the apply:`,
    ...clouds3.map(
      (c) =>
        `  ${c.padEnd(6)} ${changes[c]} changes: ${formatTally(applied.tally[c])} → ${tripsPerChange[c].toFixed(2)} round trips per change (reads + writes)`,
    ),
    ``,
    `ideal per job (Σ per parent of changes × round trips × ${shape.latencyMs} ms, longest-first over ${lanes} lanes):`,
    ...perJob.map(
      (j) =>
        `  ${j.cloud.padEnd(6)} ${String(j.parents).padStart(3)} parents: ideal ${ms(j.ideal)} (serial sum ${ms(j.serialSum)}, in the job's own order ${ms(j.inStartOrder)}); wall ${ms(applied.wall[j.cloud as CloudName])} (${(applied.wall[j.cloud as CloudName] / j.ideal).toFixed(2)}×; ${ms(j.before)} before the first write, ${ms(j.after)} after the last)`,
    ),
    `ideal                ${ms(ideal)} (three jobs in turn); ${ms(oneJobIdeal)} if one job could take all ${perJob.reduce((s, j) => s + j.parents, 0)} parents`,
    `wall time            ${ms(applied.total)} for the three runApplyJob calls`,
    `ratio                ${ratio.toFixed(2)}× ideal (goal ≤ 1.3×): ${ratio <= 1.3 ? "within" : "over"}`,
    `outcome              ${JSON.stringify(applied.outcomes)}; plans ${applied.planStatuses.join(", ")}`,
    `clouds after         ${state}`,
    ``,
    `where the time goes (per change, means; p95 in brackets):`,
    ...profile.map(
      (p) =>
        `  ${p.cloud.padEnd(6)} inside the writer ${ms(p.writerMean)} [${ms(p.writerP95)}] vs ${ms(tripsPerChange[p.cloud as CloudName] * shape.latencyMs)} of latency; gap between two writer calls of one parent (database work the lane waits for) ${p.gapMean.toFixed(1)} ms [${p.gapP95.toFixed(1)} ms]`,
    ),
    `database statements  ${sqlTotal(applied.sql)} during the apply (${(sqlTotal(applied.sql) / 1000).toFixed(1)} per change); most sent:`,
    ...applied.sql.slice(0, 8).map((s) => `  ${String(s.count).padStart(5)} ${s.text}`),
    `CPU time             ${ms(applied.cpuMs)} in this process during the apply (the emulators' worker thread included)`,
    `machine load         ${loadavg()[0]?.toFixed(1)} (1-minute average, ${availableParallelism()} CPUs)`,
    ``,
    ...replanned.map((o) => `second plan, e.g.    ${o.op}: ${JSON.stringify(o.differences)}`),
    `second plan + apply  ${secondWrites} writes; ${clouds3.map((c) => `${c} ${second.pending[c]} pending`).join(", ")}; plan ${ms(second.ms)}, apply ${ms(again.total)}, all ${ms(secondMs)} (incl. approval re-reads); requests: ${clouds3.map((c) => `${c} ${formatTally(again.tally[c]) || "none"}`).join("; ")}`,
  ];
  const title = `Apply: ${catalogue.bindings.toLocaleString("en-US")} bindings over ${shape.azure.identities} Azure identities, ${shape.aws.roles} AWS roles, ${shape.gcp.serviceAccounts} GCP service accounts, ${shape.latencyMs} ms per request`;
  return { title, lines };
}

/**
 * With FEDLENS_BENCH_CPU_PROFILE=<file>, a CPU profile of the first apply
 * (open it in Chrome's DevTools, or summarise it by package).
 */
async function startProfile(): Promise<() => Promise<void>> {
  const file = process.env.FEDLENS_BENCH_CPU_PROFILE;
  if (!file || profiled) return async () => {};
  profiled = true;
  const { Session } = await import("node:inspector/promises");
  const { writeFile } = await import("node:fs/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of the first apply written to ${file}`);
  };
}
let profiled = false;

const sqlTotal = (sql: { count: number }[]) => sql.reduce((sum, s) => sum + s.count, 0);

function describeSplit(): string {
  const { azure, aws, gcp } = shape;
  return `Azure ${azure.identities}×${azure.perIdentity}, AWS ${aws.roles}×${aws.perRole} (default 2,048-character trust policy), GCP ${gcp.serviceAccounts}×${gcp.perAccount}`;
}

function formatTally(t: Tally): string {
  return Object.entries(t)
    .sort((a, b) => b[1].count - a[1].count)
    .map(([label, { count, kind }]) => `${count} ${label}${kind === "sign-in" ? " (sign-in)" : ""}`)
    .join(", ");
}
