import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate, MigrationError, migrationsDir } from "@/lib/db/migrate";

// CONVENTIONS 20: the migrations and schema.prisma must agree. Every test here
// works on raw databases of its own, created empty on the test server.

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const serverUrl = withDatabase(inject("databaseUrl"), "postgres");
const created: string[] = [];
const tempDirs: string[] = [];

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function createEmptyDatabase(label: string): Promise<string> {
  const name = `fedlens_mig_${label}_${process.pid}_${randomUUID().slice(0, 8)}`;
  await query(serverUrl, `CREATE DATABASE "${name}"`);
  created.push(name);
  return withDatabase(serverUrl, name);
}

async function copyMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fedlens-migrations-"));
  tempDirs.push(dir);
  await cp(migrationsDir, dir, { recursive: true });
  return dir;
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

type LedgerRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};

function ledger(url: string): Promise<LedgerRow[]> {
  return query<LedgerRow>(
    url,
    `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs
     FROM "_prisma_migrations" ORDER BY migration_name`,
  );
}

// Each catalogue entry maps an object's name to its full definition, so a
// difference shows as "missing on one side" or "defined differently".
const catalogueQueries = {
  enums: `SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS def
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' GROUP BY t.typname`,
  relations: `SELECT c.relname AS name, c.relkind::text AS def FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
    AND c.relname NOT LIKE '\\_prisma\\_migrations%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
  columns: `SELECT table_name || '.' || column_name AS name,
    concat_ws(' | ', data_type, udt_name, is_nullable, column_default, character_maximum_length,
      numeric_precision, datetime_precision) AS def
    FROM information_schema.columns WHERE table_schema = 'public'
    AND table_name <> '_prisma_migrations'`,
  indexes: `SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  constraints: `SELECT c.relname || '.' || k.conname AS name,
    k.contype::text || ' ' || pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'`,
  foreignKeys: `SELECT constraint_name AS name,
    concat_ws(' ', match_option, update_rule, delete_rule, unique_constraint_name) AS def
    FROM information_schema.referential_constraints WHERE constraint_schema = 'public'`,
  functions: `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
    pg_get_functiondef(p.oid) AS def FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
  triggers: `SELECT c.relname || '.' || t.tgname AS name, pg_get_triggerdef(t.oid) AS def
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  extensions: `SELECT extname AS name, extversion AS def FROM pg_extension`,
} as const;

type Category = keyof typeof catalogueQueries;
type Catalogue = Record<Category, Map<string, string>>;

async function catalogue(url: string): Promise<Catalogue> {
  const entries = await Promise.all(
    Object.entries(catalogueQueries).map(async ([category, sql]) => {
      const rows = await query<{ name: string; def: string }>(url, sql);
      return [category, new Map(rows.map((row) => [row.name, row.def]))] as const;
    }),
  );
  return Object.fromEntries(entries) as Catalogue;
}

type CategoryDiff = { onlyInMigrations: string[]; onlyInSchema: string[]; differ: string[] };

function compare(migrations: Catalogue, schema: Catalogue): Record<Category, CategoryDiff> {
  const categories = Object.keys(catalogueQueries) as Category[];
  return Object.fromEntries(
    categories.map((category) => {
      const a = migrations[category];
      const b = schema[category];
      return [
        category,
        {
          onlyInMigrations: [...a.keys()].filter((name) => !b.has(name)).sort(),
          onlyInSchema: [...b.keys()].filter((name) => !a.has(name)).sort(),
          differ: [...a.keys()].filter((name) => b.has(name) && b.get(name) !== a.get(name)),
        },
      ];
    }),
  ) as Record<Category, CategoryDiff>;
}

const none: CategoryDiff = { onlyInMigrations: [], onlyInSchema: [], differ: [] };

afterAll(async () => {
  for (const name of created)
    await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe("migrations", () => {
  let migratedUrl: string;
  let fromSchemaUrl: string;

  beforeAll(async () => {
    migratedUrl = await createEmptyDatabase("a");
    fromSchemaUrl = await createEmptyDatabase("b");
    await migrate(migratedUrl);
    // `migrate diff --from-empty` reads only the schema file; without
    // DATABASE_URL the config falls back to a placeholder no test relies on.
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const { stdout } = await run(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      { cwd: repoRoot, env, maxBuffer: 10 * 1024 * 1024 },
    );
    expect(stdout).toContain("CREATE TABLE");
    await query(fromSchemaUrl, stdout);
  });

  it("produce the same schema as schema.prisma, plus only the integrity migrations' objects", async () => {
    const migrated = await catalogue(migratedUrl);
    const fromSchema = await catalogue(fromSchemaUrl);
    // Guards against comparing two empty catalogues.
    expect(migrated.relations.get("audit_event")).toBe("r");
    expect(migrated.extensions.has("pg_trgm")).toBe(true);
    expect(migrated.enums.get("Role")).toBe("viewer,operator,admin");

    expect(compare(migrated, fromSchema)).toEqual({
      enums: none,
      relations: {
        ...none,
        onlyInMigrations: [
          "binding_azure_issuer_subject_key",
          "binding_issuer_url_lower_idx",
          "cloud_target_id_cloud_key",
          "exchange_attempt_one_running",
          "issuer_issuer_url_lower_idx",
        ],
      },
      columns: none,
      indexes: {
        ...none,
        onlyInMigrations: [
          "binding_azure_issuer_subject_key",
          "binding_issuer_url_lower_idx",
          "cloud_target_id_cloud_key",
          "exchange_attempt_one_running",
          "issuer_issuer_url_lower_idx",
        ],
      },
      constraints: {
        ...none,
        onlyInMigrations: [
          "audit_event.audit_event_seq_positive",
          "binding.binding_target_cloud_fkey",
          "cloud_target.cloud_target_id_cloud_key",
          "cloud_target.cloud_target_kind_matches_cloud",
          "issuer.issuer_url_https",
        ],
      },
      foreignKeys: { ...none, onlyInMigrations: ["binding_target_cloud_fkey"] },
      functions: { ...none, onlyInMigrations: ["audit_event_refuse_change()"] },
      triggers: {
        ...none,
        onlyInMigrations: [
          "audit_event.audit_event_no_truncate",
          "audit_event.audit_event_no_update_delete",
        ],
      },
      extensions: none,
    });
    expect(migrated.constraints.get("audit_event.audit_event_seq_positive")).toBe(
      "c CHECK ((seq > 0))",
    );
    expect(migrated.triggers.get("audit_event.audit_event_no_update_delete")).toMatch(
      /BEFORE DELETE OR UPDATE ON public\.audit_event FOR EACH ROW/,
    );
    expect(migrated.triggers.get("audit_event.audit_event_no_truncate")).toMatch(
      /BEFORE TRUNCATE ON public\.audit_event FOR EACH STATEMENT/,
    );
  });

  it("records each migration in _prisma_migrations with the file's SHA-256 and applies nothing twice", async () => {
    const names = await migrationNames();
    const expected = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: createHash("sha256")
          .update(await readFile(path.join(migrationsDir, name, "migration.sql")))
          .digest("hex"),
        finished_at: expect.any(Date) as Date,
        rolled_back_at: null,
        applied_steps_count: 1,
        logs: null,
      })),
    );
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(await ledger(migratedUrl)).toEqual(expected);

    expect(await migrate(migratedUrl)).toEqual({ applied: [], alreadyApplied: names.length });
    expect(await ledger(migratedUrl)).toHaveLength(names.length);
  });

  it("refuses to run when an applied migration file was modified", async () => {
    const dir = await copyMigrations();
    const url = await createEmptyDatabase("changed");
    await migrate(url, dir);
    const [first] = await migrationNames();
    const file = path.join(dir, first ?? "", "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- an edit after release\n`);

    const attempt = migrate(url, dir);
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(/modified/);
  });

  it("records a failed migration, rolls its statements back and refuses to continue until it is resolved", async () => {
    const dir = await copyMigrations();
    const broken = "29991231000000_broken";
    await mkdir(path.join(dir, broken));
    await writeFile(
      path.join(dir, broken, "migration.sql"),
      `CREATE TABLE "broken_probe" ("id" INTEGER);\nALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;\n`,
    );
    const url = await createEmptyDatabase("failed");

    await expect(migrate(url, dir)).rejects.toThrow(/29991231000000_broken failed/);
    const failed = (await ledger(url)).find((row) => row.migration_name === broken);
    expect(failed).toMatchObject({ finished_at: null, applied_steps_count: 0 });
    expect(failed?.logs).toMatch(/no_such_table/);
    expect(await query(url, `SELECT to_regclass('broken_probe') IS NULL AS gone`)).toEqual([
      { gone: true },
    ]);

    await expect(migrate(url, dir)).rejects.toThrow(/failed earlier/);

    // The documented way out: fix the file, mark the failed attempt rolled back.
    await writeFile(
      path.join(dir, broken, "migration.sql"),
      `CREATE TABLE "broken_probe" ("id" INTEGER);\n`,
    );
    await query(
      url,
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${broken}'`,
    );
    expect(await migrate(url, dir)).toMatchObject({ applied: [broken] });
  });

  it("applies each migration exactly once when two processes migrate a fresh database at once", async () => {
    const url = await createEmptyDatabase("race");
    const names = await migrationNames();

    const results = await Promise.all([migrate(url), migrate(url)]);

    expect(results.flatMap((result) => result.applied).sort()).toEqual(names);
    const rows = await ledger(url);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });
});
