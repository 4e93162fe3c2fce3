import "server-only";
import type { DbOrTx } from "@/lib/db/client";

// The append-only triggers stop the application's own role only if that role
// cannot switch them off (SECURITY.md 3.9). In Postgres a role can when it is
// a superuser; owns the table (ALTER TABLE … DISABLE TRIGGER), the trigger's
// function (CREATE OR REPLACE) or the schema (DROP TABLE); or may set
// session_replication_role = replica, under which ordinary triggers do not
// fire. Membership in the owning role counts as owning
// (https://www.postgresql.org/docs/current/sql-altertable.html,
// https://www.postgresql.org/docs/current/runtime-config-client.html).

export type AuditBypass =
  | "superuser"
  | "table_owner"
  | "function_owner"
  | "schema_owner"
  | "replication_role"
  | "trigger_off";

const bypassText: Record<AuditBypass, string> = {
  superuser: "it is a superuser",
  table_owner: "it owns the audit table, so it can switch the append-only triggers off",
  function_owner: "it owns the function behind the append-only triggers, so it can replace it",
  schema_owner: "it owns the schema, so it can drop the audit table and create another",
  replication_role: "it may set session_replication_role, under which triggers do not fire",
  trigger_off: "the append-only triggers are missing or switched off",
};

type Row = {
  role: string;
  superuser: boolean;
  table_owner: boolean;
  function_owner: boolean;
  schema_owner: boolean;
  replication_role: boolean;
  triggers_on: number;
};

export type AuditPrivilegeReport = { role: string; bypasses: AuditBypass[] };

/** How the connected role could rewrite the audit trail unnoticed by the database; none is the goal. */
export async function findAuditBypasses(db: DbOrTx): Promise<AuditPrivilegeReport> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT current_user::text AS role,
      r.rolsuper AS superuser,
      pg_has_role(current_user, c.relowner, 'USAGE') AS table_owner,
      EXISTS (
        SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE t.tgrelid = c.oid AND NOT t.tgisinternal
          AND pg_has_role(current_user, p.proowner, 'USAGE')
      ) AS function_owner,
      pg_has_role(current_user, n.nspowner, 'USAGE') AS schema_owner,
      has_parameter_privilege('session_replication_role', 'SET') AS replication_role,
      (SELECT count(*)::int FROM pg_trigger t
        WHERE t.tgrelid = c.oid AND t.tgenabled IN ('O', 'A')
          AND t.tgname IN ('audit_event_no_update_delete', 'audit_event_no_truncate')
      ) AS triggers_on
    FROM pg_roles r, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE r.rolname = current_user AND c.oid = 'audit_event'::regclass`;
  if (!row) throw new Error("audit_event or the current role is missing from the catalogue");
  // A superuser passes every other test too; saying so once is enough.
  const bypasses: AuditBypass[] = row.superuser
    ? ["superuser"]
    : (["table_owner", "function_owner", "schema_owner", "replication_role"] as const).filter(
        (flag) => row[flag],
      );
  if (row.triggers_on < 2) bypasses.push("trigger_off");
  return { role: row.role, bypasses };
}

/** What the console says at start and on the admin pages; null when the role is least-privileged. */
export function auditBypassWarning({ role, bypasses }: AuditPrivilegeReport): string | null {
  if (bypasses.length === 0) return null;
  return (
    `The database role "${role}" can rewrite the audit trail without the database refusing: ` +
    `${bypasses.map((bypass) => bypassText[bypass]).join("; ")}. ` +
    "The keyed hash chain and checkpoints still reveal a rewrite, but run the console as a role " +
    "with only SELECT and INSERT on the audit table (see Security in the README)."
  );
}
