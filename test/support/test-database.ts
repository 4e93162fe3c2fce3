import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbedded } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { installJobQueues } from "@/lib/jobs/boss";

// Tests run against real Postgres at TEST_DATABASE_URL (a fresh database per
// run, dropped afterwards) and fall back to the embedded PGlite when no
// server answers, saying so.

export const defaultServerUrl = "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string; kind: "postgres" | "pglite"; drop: () => Promise<void> };

function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(
      `Refusing to run tests against a non-local database (${host}); set TEST_DATABASE_URL to a local server.`,
    );
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? defaultServerUrl;
  assertLocal(serverUrl);
  if (await reachable(serverUrl)) {
    const name = `fedlens_${label}_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    await installJobQueues(url.toString());
    return {
      url: url.toString(),
      kind: "postgres",
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  console.warn(`No Postgres at ${serverUrl}: running against the embedded PGlite instead.`);
  const dir = await mkdtemp(path.join(os.tmpdir(), `fedlens-${label}-`));
  const embedded = await startEmbedded(dir);
  await migrate(embedded.url);
  await installJobQueues(embedded.url);
  return {
    url: embedded.url,
    kind: "pglite",
    async drop() {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Empties every table between test files; the audit trigger is lifted for the purpose. */
export async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const tables = rows.map((row) => `"${row.tablename}"`).join(", ");
    await client.query("BEGIN");
    await client.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
    await client.query(`TRUNCATE ${tables} CASCADE`);
    await client.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    // Jobs queued by an earlier file must not run against this one's rows.
    const { rows: jobs } = await client.query<{ present: boolean }>(
      `SELECT to_regclass('pgboss.job') IS NOT NULL AS present`,
    );
    if (jobs[0]?.present) await client.query(`TRUNCATE pgboss.job, pgboss.archive`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
