// Diagnose against a growing catalogue (issue 4 item 7). In one run: bare
// jose.jwtVerify with a warm local key set (the baseline), then
// diagnoseToken() with 1,000, 10,000 and 100,000 bindings, all but ten of
// them of other issuers. The token's issuer is catalogued with a JWKS
// override at a loopback key server, so signature checks use the cached key
// set. Goals: diagnose@10k ≤ 3 × bare verify; diagnose@100k ≤ 1.5 × diagnose@1k.
// Stage timings and the SQL plans say where the time goes when a goal is missed.
import { randomBytes, randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { createLocalJWKSet, jwtVerify } from "jose";
import pg from "pg";
import type { Diagnosis } from "@/lib/diagnose/diagnose-token";
import { resetEnvCache } from "@/lib/env";
import type { BenchReport } from "./support/bench";
import {
  explainDiagnosis,
  stageNames,
  timeStages,
  type ExplainedStatement,
  type StageName,
} from "./support/diagnose-stages";
import { startKeyServer, type KeyServer } from "./support/key-server";
import { formatTable } from "./support/measure";
import {
  benchAudience,
  ownBindingCount,
  seedOtherBindings,
  seedTokenIssuer,
  subjects,
  tokenIssuerUrl,
} from "./support/seed-diagnose";
import { timeThroughput, type Throughput } from "./support/throughput";

const sizes = [1_000, 10_000, 100_000] as const;
const warmupRounds = 20;
const rounds = 300;
/** Bare verifications per round: about 50 µs each beside a diagnosis of a few ms. */
const bareRepeat = 10;
const stageRuns = 50;
const explainRuns = 15;
const verifyGoal = 3;
const scalingGoal = 1.5;

type Measured = {
  size: number;
  bare: Throughput;
  diagnose: Throughput;
  stages: Record<StageName, number>;
  statements: ExplainedStatement[];
  load: number;
};

export async function run(): Promise<BenchReport> {
  // The logger and the env cache are built on first use, so the variables are
  // set before any app module is loaded (hence the dynamic imports).
  const savedAllowList = process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;
  process.env.LOG_LEVEL = "silent";
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex");
  process.env.FEDLENS_PUBLIC_URL = "http://localhost:3000";
  process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = "127.0.0.1";
  resetEnvCache();
  const keys = await startKeyServer();
  const { createTestDatabase } = await import("@/test/support/test-database");
  try {
    const database = await createTestDatabase("bench_diagnose");
    const seeder = new pg.Client({ connectionString: database.url });
    try {
      process.env.DATABASE_URL = database.url;
      resetEnvCache();
      await seeder.connect();
      console.log(`database: ${database.kind}; ${cpus().length} CPUs`);
      const measured = await measure(keys, seeder);
      return report(measured, keys, new URL(database.url).pathname.slice(1));
    } finally {
      await seeder.end().catch(() => undefined);
      try {
        const { disconnectDb } = await import("@/lib/db/client");
        await disconnectDb();
      } finally {
        await database.drop();
      }
    }
  } finally {
    await keys.stop();
    if (savedAllowList === undefined) delete process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;
    else process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = savedAllowList;
    resetEnvCache();
  }
}

async function measure(keys: KeyServer, seeder: pg.Client): Promise<Measured[]> {
  const { diagnoseToken } = await import("@/lib/diagnose/diagnose-token");
  const { createTestUser } = await import("@/test/factories/users");
  let started = performance.now();
  await seedTokenIssuer(keys.jwksUri);
  const { actor } = await createTestUser({ role: "viewer" });
  console.log(
    `catalogued the token's issuer and its ${ownBindingCount} bindings (${since(started)})`,
  );

  const now = Math.floor(Date.now() / 1000);
  const token = await keys.sign({
    iss: tokenIssuerUrl,
    sub: subjects.matching,
    aud: benchAudience,
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    jti: randomUUID(),
    repository: "contoso/bench-app",
    repository_owner: "contoso",
    environment: "production",
  });
  const localKeySet = createLocalJWKSet(keys.publicJwks);
  const bare = () => jwtVerify(token, localKeySet);
  const diagnose = () => diagnoseToken({ actor, token });
  await bare();
  // The first diagnosis fetches the JWKS into the issuer's key cache; every
  // later one must use the cache, or the figures would time a fetch.
  assertUsable(await diagnose());
  const fetchesAfterWarmUp = keys.fetches();

  const measured: Measured[] = [];
  let seeded = 0;
  for (const size of sizes) {
    started = performance.now();
    await seedOtherBindings(seeder, seeded + 1, size - ownBindingCount);
    seeded = size - ownBindingCount;
    await seeder.query("VACUUM (ANALYZE)");
    console.log(`catalogue at ${size} bindings (${since(started)})`);
    assertUsable(await diagnose());
    const load = loadavg()[0] ?? 0;
    const [bareTiming, diagnoseTiming] = (await timeThroughput(
      [
        { run: bare, repeat: bareRepeat },
        { run: diagnose, repeat: 1 },
      ],
      { warmupRounds, rounds },
    )) as [Throughput, Throughput];
    const stages = await timeStages(token, actor, stageRuns);
    const statements = await explainDiagnosis(seeder, diagnose, explainRuns);
    console.log(
      `  ${size}: bare p50 ${ms(bareTiming.p50)}, diagnose p50 ${ms(diagnoseTiming.p50)} p95 ${ms(diagnoseTiming.p95)}`,
    );
    measured.push({ size, bare: bareTiming, diagnose: diagnoseTiming, stages, statements, load });
  }
  if (keys.fetches() !== fetchesAfterWarmUp) {
    throw new Error(
      `the JWKS was fetched ${keys.fetches() - fetchesAfterWarmUp} more time(s) during timing: the key cache was not used`,
    );
  }
  return measured;
}

/** The figures mean nothing unless the signature verified and the ten bindings were evaluated. */
function assertUsable(diagnosis: Diagnosis): void {
  if (diagnosis.signature.status !== "valid") {
    throw new Error(`signature ${diagnosis.signature.status}: ${diagnosis.signature.message}`);
  }
  if (diagnosis.results.length !== ownBindingCount) {
    throw new Error(`expected ${ownBindingCount} results, got ${diagnosis.results.length}`);
  }
  lastDiagnosis = diagnosis;
}
let lastDiagnosis: Diagnosis | undefined;

function summarise(diagnosis: Diagnosis | undefined): string[] {
  if (!diagnosis) return [];
  return diagnosis.results.map((result) => {
    const failing = result.evaluation.checks.find((check) => !check.ok);
    const verdict = result.evaluation.accepted ? "accepted" : `rejected at ${failing?.check}`;
    return `  ${result.cloud} ${result.bindingName} (${result.issuerMatch}): ${verdict}`;
  });
}

function report(measured: Measured[], keys: KeyServer, database: string): BenchReport {
  const at = (size: number) => measured.find((entry) => entry.size === size) as Measured;
  const lines = formatTable(
    ["bindings", "verify ops/s", "p50", "p95", "diagnose ops/s", "p50", "p95"],
    measured.map(({ size, bare, diagnose }) => [
      size.toLocaleString("en"),
      bare.opsPerSecond.toFixed(0),
      ms(bare.p50),
      ms(bare.p95),
      diagnose.opsPerSecond.toFixed(0),
      ms(diagnose.p50),
      ms(diagnose.p95),
    ]),
  );
  const verifyRatio = at(10_000).diagnose.p50 / at(10_000).bare.p50;
  const scalingRatio = at(100_000).diagnose.p50 / at(1_000).diagnose.p50;
  const goal = (ratio: number, limit: number) => (ratio <= limit ? "met" : "NO");
  lines.push(
    "",
    `diagnose@10k / bare verify (p50): ${verifyRatio.toFixed(1)}× (goal ≤ ${verifyGoal}×): ${goal(verifyRatio, verifyGoal)}`,
    `diagnose@100k / diagnose@1k (p50): ${scalingRatio.toFixed(2)}× (goal ≤ ${scalingGoal}×): ${goal(scalingRatio, scalingGoal)}`,
    `Largest growth 1k → 100k: ${largestGrowth(at(1_000), at(100_000))}.`,
    `Round trips per diagnosis: ${at(100_000).statements.length} SELECTs and 1 INSERT, in sequence but for "other issuers" (beside the bindings).`,
    "",
    "Median ms per stage of the pipeline, replayed with the same calls:",
    ...formatTable(
      ["stage", ...measured.map(({ size }) => size.toLocaleString("en"))],
      stageNames.map((name) => [name, ...measured.map(({ stages }) => ms(stages[name]))]),
    ),
    "",
    `Server-side Execution Time (median of ${explainRuns} EXPLAIN ANALYZE) of each SELECT a diagnosis sends; ms:`,
    ...formatTable(
      ["statement", ...measured.map(({ size }) => size.toLocaleString("en"))],
      at(100_000).statements.map(({ label }) => [
        label,
        ...measured.map(({ statements }) => {
          const match = statements.find((statement) => statement.label === label);
          return match ? ms(match.plan.executionMs) : "-";
        }),
      ]),
    ),
    "",
    `Results of the token's diagnosis (the same ${ownBindingCount} at every size):`,
    ...summarise(lastDiagnosis),
    "",
    `Timing: ${rounds} rounds after ${warmupRounds} warm-up rounds; each round ${bareRepeat} bare verifications then 1 diagnosis, so both share the machine's load. ops/s = samples / their summed time; p50/p95 in ms.`,
    "diagnoseToken() is called directly (no HTTP, auth or rate limit); each call, and each run of the last stage, inserts a diagnosed_token row.",
    `JWKS fetches: ${keys.fetches()} in all, none during timing (signatures checked with the cached key set). RS256, 2048-bit key.`,
    `Load average (1 min) when timing began: ${measured.map((entry) => entry.load.toFixed(1)).join(" / ")} on ${cpus().length} CPUs.`,
    `Database: ${database} (dropped after the run).`,
    "",
    `EXPLAIN (ANALYZE, BUFFERS) at ${(100_000).toLocaleString("en")} bindings:`,
  );
  for (const { label, plan } of at(100_000).statements) {
    const small = at(1_000).statements.find((statement) => statement.label === label);
    // A seq scan of a table the catalogue does not grow (cloud targets, key sets) is fine.
    const grows = !small || plan.executionMs > 2 * small.plan.executionMs;
    const warning = plan.hasSeqScan && grows ? "  ⚠ SEQ SCAN: cost grows with the catalogue" : "";
    lines.push("", `${label}${warning}`, ...plan.lines.map((line) => `  ${line}`));
  }
  return {
    title: `Diagnose vs bare jose.jwtVerify, ${sizes.map((size) => size.toLocaleString("en")).join(" / ")} bindings`,
    lines,
  };
}

function largestGrowth(small: Measured, large: Measured): string {
  const [name] = [...stageNames].sort(
    (a, b) => large.stages[b] - small.stages[b] - (large.stages[a] - small.stages[a]),
  );
  if (!name) return "none";
  return `${name}, ${ms(small.stages[name])} → ${ms(large.stages[name])} ms`;
}

function ms(value: number): string {
  return value.toFixed(3);
}

function since(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)}s`;
}
