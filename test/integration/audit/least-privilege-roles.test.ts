import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findAuditBypasses } from "@/lib/audit/find-audit-bypasses";
import { findAuditWarnings } from "@/lib/audit/find-audit-warnings";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { systemActor } from "@/lib/auth/actor";
import { disconnectDb, getDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { createTestIssuer, useAuditKeys } from "@/test/integration/audit/tamper";

// The README's least-privileged roles, run as written (names made unique,
// since roles are shared by the whole server): the runtime role appends to
// the trail but cannot change, remove or unprotect it, and the console sees
// nothing to warn about (SECURITY.md 3.9).

const databaseUrl = inject("databaseUrl");
const suffix = `${process.pid}_${Date.now()}`;
const names = {
  owner: `fedlens_owner_${suffix}`,
  app: `fedlens_app_${suffix}`,
  database: `fedlens_roles_${suffix}`,
};

/** The three ```sql blocks of the README's security section, with unique names. */
function readmeSql(): string[] {
  const readme = readFileSync(path.join(process.cwd(), "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("**Least-privileged roles**"));
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].slice(0, 3).map(([, sql = ""]) =>
    sql
      .replaceAll(/\bfedlens_owner\b/g, names.owner)
      .replaceAll(/\bfedlens_app\b/g, names.app)
      .replace(/\bDATABASE fedlens\b/, `DATABASE ${names.database}`),
  );
}

function urlFor(role: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = "unused-under-trust-auth";
  url.pathname = `/${names.database}`;
  return url.toString();
}

/** Runs each statement on its own, as psql would (CREATE DATABASE refuses a transaction). */
async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of sql.split(/;\s*$/m)) {
      if (statement.replaceAll(/--.*$/gm, "").trim()) await client.query(statement);
    }
  } finally {
    await client.end();
  }
}

/** Points getDb() at the database as this role. */
async function connectAs(url: string): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
}

const isPostgres = inject("databaseKind") === "postgres";

describe.runIf(isPostgres)("least-privileged database roles from the README", () => {
  beforeAll(async () => {
    const [setup = "", schema = "", grants = ""] = readmeSql();
    expect(grants).toContain("REVOKE UPDATE, DELETE, TRUNCATE ON audit_event");
    await run(databaseUrl, setup);
    await run(urlFor(names.owner), schema);
    await migrate(urlFor(names.owner));
    await run(urlFor(names.owner), grants);
    useAuditKeys(`least-privilege-key-${randomUUID()}`);
  }, 120_000);

  afterAll(async () => {
    await connectAs(databaseUrl);
    useAuditKeys(undefined);
    await run(
      databaseUrl,
      `DROP DATABASE IF EXISTS ${names.database} WITH (FORCE);
       DROP ROLE IF EXISTS ${names.app};
       DROP ROLE IF EXISTS ${names.owner};`,
    );
  });

  it("lets the runtime role start, change the catalogue and append to the trail, with no warning", async () => {
    expect(await migrate(urlFor(names.app))).toMatchObject({ applied: [] });
    await connectAs(urlFor(names.app));

    const issuer = await createTestIssuer();
    await updateIssuer({
      actor: systemActor("test"),
      requestId: randomUUID(),
      id: issuer.id,
      expectedVersion: issuer.version,
      input: { notes: "changed by the runtime role" },
    });

    expect(await verifyAuditChain({ db: getDb() })).toMatchObject({ ok: true, count: 2 });
    expect(await findAuditBypasses(getDb())).toEqual({ role: names.app, bypasses: [] });
    expect(await findAuditWarnings()).toEqual([]);
  });

  it.each([
    ["UPDATE", "UPDATE audit_event SET action = 'issuer.delete'", /permission denied/],
    ["DELETE", "DELETE FROM audit_event", /permission denied/],
    ["TRUNCATE", "TRUNCATE audit_event", /permission denied/],
    ["DISABLE TRIGGER", "ALTER TABLE audit_event DISABLE TRIGGER USER", /must be owner/],
    ["DROP TABLE", "DROP TABLE audit_event", /must be owner/],
    ["session_replication_role", "SET session_replication_role = replica", /permission denied/],
    [
      "replacing the trigger's function",
      "CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
      /must be owner|permission denied/,
    ],
    ["writing the migrations ledger", `DELETE FROM "_prisma_migrations"`, /permission denied/],
  ])("refuses the runtime role %s", async (_what, statement, error) => {
    await expect(run(urlFor(names.app), statement)).rejects.toThrow(error);
  });

  it("warns about the migration role, which owns the audit table", async () => {
    await connectAs(urlFor(names.owner));

    expect((await findAuditBypasses(getDb())).bypasses).toEqual([
      "table_owner",
      "function_owner",
      "schema_owner",
    ]);
    expect((await findAuditWarnings())[0]).toContain(`The database role "${names.owner}"`);
  });
});
