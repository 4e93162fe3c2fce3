import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRunningEmbedded, startEmbedded, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate, migrationsDir } from "@/lib/db/migrate";

// The embedded database is what `npm start` uses without DATABASE_URL. The
// guard against two servers on one data directory works across processes, so
// it is probed from a real second Node process.

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const embeddedModule = path.join(repoRoot, "lib", "db", "embedded.ts");

type Probe = { found: string | null; startError: string | null };

/** Asks another process what it sees in `dir`, and optionally whether it may start a server there. */
async function probeFromAnotherProcess(dir: string, attemptStart: boolean): Promise<Probe> {
  const script = `
    const [module, dir, attemptStart] = process.argv.slice(1);
    const { findRunningEmbedded, startEmbedded } = await import(module);
    const found = await findRunningEmbedded(dir);
    let startError = null;
    if (attemptStart === "yes") {
      try {
        const db = await startEmbedded(dir);
        await db.stop();
      } catch (error) {
        startError = error.message;
      }
    }
    console.log(JSON.stringify({ found, startError }));`;
  const { stdout } = await run(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
      embeddedModule,
      dir,
      attemptStart ? "yes" : "no",
    ],
    { cwd: repoRoot },
  );
  return JSON.parse(stdout) as Probe;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("embedded database", () => {
  let dir: string;
  let first: EmbeddedDatabase | undefined;
  let migrationCount: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "fedlens-embedded-"));
    migrationCount = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) =>
      entry.isDirectory(),
    ).length;
  });

  afterAll(async () => {
    await first?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves PGlite over the wire protocol: the migration runner and pg both work on it", async () => {
    first = await startEmbedded(dir);
    expect(first.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);

    const result = await migrate(first.url);
    expect(result.applied).toHaveLength(migrationCount);

    await withClient(first.url, async (client) => {
      await client.query(
        `INSERT INTO issuer (id, name, issuer_url, kind, updated_at)
         VALUES (gen_random_uuid(), 'Persisted', 'https://persisted.example.com', 'generic', now())`,
      );
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
      );
      expect(Number(rows[0]?.count)).toBe(migrationCount);
      // The integrity migration's CHECK holds on PGlite as on Postgres.
      await expect(
        client.query(
          `INSERT INTO issuer (id, name, issuer_url, kind, updated_at)
           VALUES (gen_random_uuid(), 'Plain', 'http://plain.example.com', 'generic', now())`,
        ),
      ).rejects.toThrow(/issuer_url_https/);
    });
  }, 60_000);

  it("refuses a second server on the same directory while the first runs, and names the first's URL", async () => {
    const url = first?.url;
    expect(url).toBeDefined();

    const probe = await probeFromAnotherProcess(dir, true);

    expect(probe.found).toBe(url);
    expect(probe.startError).toMatch(/already served by another Fedlens process/);
    expect(probe.startError).toContain(url);
  }, 60_000);

  it("forgets the running server once it is stopped", async () => {
    await first?.stop();
    first = undefined;

    expect(existsSync(path.join(dir, "embedded.json"))).toBe(false);
    expect(await findRunningEmbedded(dir)).toBeNull();
    expect(await probeFromAnotherProcess(dir, false)).toEqual({ found: null, startError: null });
  }, 60_000);

  it("keeps data and the migration ledger across a stop and a start", async () => {
    first = await startEmbedded(dir);

    expect(await migrate(first.url)).toEqual({ applied: [], alreadyApplied: migrationCount });
    const names = await withClient(first.url, async (client) => {
      const { rows } = await client.query<{ name: string }>(`SELECT name FROM issuer`);
      return rows.map((row) => row.name);
    });
    expect(names).toEqual(["Persisted"]);
  }, 60_000);
});
