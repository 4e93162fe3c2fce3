import { randomUUID } from "node:crypto";
import pg from "pg";
import { hashEvent, type ChainedEvent } from "@/lib/audit/chain";
import { systemActor } from "@/lib/auth/actor";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { resetEnvCache } from "@/lib/env";

// What an intruder holding the database's superuser (the app's own role, in a
// default install) can do to the trail: lift the append-only triggers, edit
// rows and recompute every SHA-256 hash after the edit. They do not hold
// FEDLENS_AUDIT_KEY.

/** Runs SQL as the connecting superuser, the way an intruder with database access would. */
export async function asSuperuser(databaseUrl: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Makes the change with the append-only triggers lifted, as only a superuser can. */
export function tamper(databaseUrl: string, statement: string): Promise<void> {
  return asSuperuser(
    databaseUrl,
    "BEGIN",
    "ALTER TABLE audit_event DISABLE TRIGGER USER",
    statement,
    "ALTER TABLE audit_event ENABLE TRIGGER USER",
    "COMMIT",
  );
}

type Row = ChainedEvent & { keyId: string | null; hash: string };

async function readRows(client: pg.Client): Promise<Row[]> {
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT seq::text AS seq_text, occurred_at, actor_type::text, actor_id, actor_label, actor_role::text,
            action, entity_type, entity_id, request_id, before, after, prev_hash, hash, key_id
       FROM audit_event ORDER BY seq`,
  );
  return rows.map((row) => ({
    seq: row.seq_text as string,
    occurredAt: (row.occurred_at as Date).toISOString(),
    actorType: row.actor_type as string,
    actorId: row.actor_id as string | null,
    actorLabel: row.actor_label as string,
    actorRole: row.actor_role as string | null,
    action: row.action as string,
    entityType: row.entity_type as string,
    entityId: row.entity_id as string | null,
    requestId: row.request_id as string,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash as string | null,
    hash: row.hash as string,
    keyId: row.key_id as string | null,
  }));
}

/**
 * Changes the action of the event at `seq`, then recomputes SHA-256 hashes and
 * links from there to the head. `unkey` also clears key_id on the rewritten
 * rows so that they pass for events written before the chain was keyed.
 */
export async function rewriteAction(
  databaseUrl: string,
  { seq, action, unkey }: { seq: number; action: string; unkey: boolean },
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE audit_event DISABLE TRIGGER USER");
    let prevHash: string | null = null;
    for (const row of await readRows(client)) {
      if (Number(row.seq) < seq) {
        prevHash = row.hash;
        continue;
      }
      const { keyId, hash: _old, ...event } = row;
      const edited: ChainedEvent = {
        ...event,
        action: Number(row.seq) === seq ? action : event.action,
        prevHash,
      };
      prevHash = hashEvent(edited);
      await client.query(
        `UPDATE audit_event SET action = $2, prev_hash = $3, hash = $4, key_id = $5 WHERE seq = $1`,
        [row.seq, edited.action, edited.prevHash, prevHash, unkey ? null : keyId],
      );
    }
    await client.query("ALTER TABLE audit_event ENABLE TRIGGER USER");
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

/** Points this process at another audit key (and previous ones). */
export function useAuditKeys(current: string | undefined, previous: string[] = []): void {
  if (current === undefined) delete process.env.FEDLENS_AUDIT_KEY;
  else process.env.FEDLENS_AUDIT_KEY = current;
  process.env.FEDLENS_AUDIT_PREVIOUS_KEYS = previous.join(",");
  resetEnvCache();
}

let counter = 0;
export function createTestIssuer(actor = systemActor("test")) {
  counter += 1;
  return createIssuer({
    actor,
    requestId: randomUUID(),
    input: {
      name: `Issuer ${counter} ${randomUUID().slice(0, 8)}`,
      issuerUrl: `https://issuer-${counter}-${randomUUID().slice(0, 8)}.example.com`,
      kind: "generic",
    },
  });
}
