// TEMPORARY investigation script (deleted before handing back).
import { randomBytes, randomUUID } from "node:crypto";
import { Session } from "node:inspector/promises";
import pg from "pg";
import { resetEnvCache } from "@/lib/env";
import { startKeyServer } from "./key-server";
import { captureSql, explain } from "./measure";
import {
  benchAudience,
  ownBindingCount,
  seedOtherBindings,
  seedTokenIssuer,
  subjects,
  tokenIssuerUrl,
} from "./seed-diagnose";
import { medianMs } from "./throughput";

process.env.LOG_LEVEL = "silent";
process.env.NEXTAUTH_SECRET = randomBytes(32).toString("hex");
process.env.FEDLENS_PUBLIC_URL = "http://localhost:3000";
process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = "127.0.0.1";
const size = Number(process.argv[2] ?? 100_000);
const keys = await startKeyServer();
const { createTestDatabase } = await import("@/test/support/test-database");
const database = await createTestDatabase("bench_diag_exp");
const seeder = new pg.Client({ connectionString: database.url });
try {
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  await seeder.connect();
  const { diagnoseToken } = await import("@/lib/diagnose/diagnose-token");
  const { createTestUser } = await import("@/test/factories/users");
  await seedTokenIssuer(keys.jwksUri);
  const { actor } = await createTestUser({ role: "viewer" });
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
  const diagnose = () => diagnoseToken({ actor, token });
  await diagnose();
  let t = performance.now();
  await seedOtherBindings(seeder, 1, size - ownBindingCount);
  console.log("seed", performance.now() - t);
  t = performance.now();
  await seeder.query("VACUUM (ANALYZE)");
  console.log("vacuum", performance.now() - t);
  const captured = await captureSql(["binding", "issuer"], async () => {
    await diagnose();
  });
  const bindingQ = captured.find(
    (q) => /FROM "public"."binding"/.test(q.text) && /ILIKE/.test(q.text),
  )!;
  const issuerQ = captured.find(
    (q) => /FROM "public"."issuer"/.test(q.text) && /ILIKE/.test(q.text),
  )!;
  console.log(bindingQ.text, bindingQ.values);
  console.log(issuerQ.text, issuerQ.values);
  const show = async (label: string, q: typeof bindingQ) => {
    let e = await explain(seeder, q);
    e = await explain(seeder, q);
    console.log(`\n${label}: ${e.executionMs.toFixed(3)} ms`);
    for (const l of e.lines) console.log("  " + l);
  };
  await show("binding query, as is", bindingQ);
  await show("issuer query, as is", issuerQ);
  console.log("\ndiagnose p50 before", await medianMs(diagnose, 40));
  await seeder.query(`CREATE INDEX binding_issuer_url_trgm_idx ON binding USING gin (issuer_url gin_trgm_ops)`);
  await seeder.query("ANALYZE");
  await show("binding query, + trgm index", bindingQ);
  console.log("\ndiagnose p50 with binding trgm index", await medianMs(diagnose, 40));
  await seeder.query(`DROP INDEX binding_issuer_url_trgm_idx`);
  await seeder.query(`CREATE INDEX binding_issuer_url_lower_idx ON binding (lower(issuer_url) text_pattern_ops)`);
  await seeder.query(`CREATE INDEX issuer_issuer_url_lower_idx ON issuer (lower(issuer_url) text_pattern_ops)`);
  await seeder.query("ANALYZE");
  const lowered = (q: typeof bindingQ) => ({ text: q.text.replace(/("public"\."\w+"\."issuer_url") ILIKE (\$\d)/g, "lower($1) LIKE $2"), values: q.values });
  console.log(lowered(bindingQ).text.match(/WHERE.*ORDER/)?.[0]);
  await show("binding query, lower() LIKE + expression index", lowered(bindingQ));
  await show("issuer query, lower() LIKE + expression index", lowered(issuerQ));
  const origin = "https://idp.diagnose-bench.example.test";
  if (process.argv[3] !== "profile") throw new Error("done (no profile)");
  // Evaluators: per cloud and a CPU profile.
  const { evaluateCatalogue } = await import("@/lib/diagnose/evaluate-catalogue");
  const { getDb } = await import("@/lib/db/client");
  const db = getDb();
  const recorded: unknown[][] = [];
  const recorder = {
    binding: {
      findMany: async (a: never) => {
        const r = await db.binding.findMany(a);
        recorded.push(r as unknown[]);
        return r;
      },
    },
  } as never;
  const input = {
    iss: tokenIssuerUrl,
    origin,
    token: {
      header: { alg: "RS256", kid: "x", typ: "JWT" },
      claims: JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()),
      signature: "valid" as const,
      signatureReason: "ok",
    },
    at: new Date(),
  };
  await evaluateCatalogue(recorder, input);
  for (const cloud of ["azure", "aws", "gcp"]) {
    const rows = (recorded[0] as { cloud: string }[]).filter((r) => r.cloud === cloud);
    let i = 0;
    const replay = {
      binding: { findMany: () => Promise.resolve(i++ % 2 === 0 ? rows : recorded[1]) },
    } as never;
    console.log(
      cloud,
      rows.length,
      "bindings:",
      (await medianMs(() => evaluateCatalogue(replay, input), 300)).toFixed(3),
      "ms",
    );
  }
  let j = 0;
  const replayAll = { binding: { findMany: () => Promise.resolve(recorded[j++ % 2]) } } as never;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  await session.post("Profiler.start");
  for (let k = 0; k < 2000; k += 1) await evaluateCatalogue(replayAll, input);
  const { profile } = await session.post("Profiler.stop");
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
  let total = 0;
  for (const [id, c] of counts) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*\/work\/main\//, "")}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + c);
    total += c;
  }
  // inclusive per file
  const byFile = new Map<string, number>();
  for (const [k, v] of self) {
    const f = k.split(" ")[1]!.split(":")[0]!;
    byFile.set(f, (byFile.get(f) ?? 0) + v);
  }
  console.log("\nself time top functions:");
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${((100 * v) / total).toFixed(1)}% ${k}`);
  console.log("\nself time by file:");
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * v) / total).toFixed(1)}% ${k}`);
  // inclusive time for selected functions
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (const [id, c] of counts) {
    const seen = new Set<string>();
    let cur: number | undefined = id;
    while (cur !== undefined) {
      const n = byId.get(cur)!;
      const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*\/work\/main\//, "")}`;
      if (!seen.has(key)) {
        incl.set(key, (incl.get(key) ?? 0) + c);
        seen.add(key);
      }
      cur = parent.get(cur);
    }
  }
  console.log("\ninclusive top (lib/ only):");
  for (const [k, v] of [...incl]
    .filter(([k]) => k.includes("lib/") && !k.includes("node_modules"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40))
    console.log(`  ${((100 * v) / total).toFixed(1)}% ${k}`);
  console.log("\ninclusive top (node_modules):");
  for (const [k, v] of [...incl]
    .filter(([k]) => k.includes("node_modules"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25))
    console.log(`  ${((100 * v) / total).toFixed(1)}% ${k}`);
} finally {
  await seeder.end();
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  await database.drop();
  await keys.stop();
}
process.exit(0);
