import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { auditActions } from "@/lib/audit/audit-actions";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import type { Role } from "@/lib/auth/roles";
import { staleVersionError } from "@/lib/catalog/stale-version";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";

// The one path every catalogue change takes (CONVENTIONS 14): the caller's
// role checked by the use-case itself, one transaction, and the audit event
// written in that transaction after the change. Edits and deletes add the
// lock → version check prologue, so a stale form hears 409 naming who
// changed the row, whatever else is wrong with it.

/** Who asks, and the transaction to join if they already hold one. */
export type MutationCaller = { actor: Actor; requestId: string; db?: DbOrTx };
/** An edit or delete names the row and the version the caller loaded. */
export type VersionedCaller = MutationCaller & { id: string; expectedVersion: number };

type AuditAction = (typeof auditActions)[number];
/** The versioned rows, by the entity name the audit trail and messages use. */
const lockTables = {
  issuer: "issuer",
  workload: "workload",
  target: "cloud_target",
  binding: "binding",
  connection: "cloud_connection",
} as const;
export type VersionedEntity = keyof typeof lockTables;
type VersionedAction = Extract<AuditAction, `${VersionedEntity}.${string}`>;

type AuditedChange<T> = { entityId: string; before?: unknown; after?: unknown; result: T };

/** Runs `change` with `role` checked and its audit event appended in the same transaction. */
export async function auditedMutation<T>(
  { actor, requestId, db }: MutationCaller,
  { action, role }: { action: AuditAction; role: Role },
  change: (tx: Tx) => Promise<AuditedChange<T>>,
): Promise<T> {
  assertRole(actor, role);
  return inTransaction(db, async (tx) => {
    const { entityId, before, after, result } = await change(tx);
    const entityType = action.slice(0, action.indexOf("."));
    await appendAuditEvent(tx, { actor, requestId, action, entityType, entityId, before, after });
    return result;
  });
}

/**
 * Loads the row the caller edited, or throws 404, or 409 when its version
 * moved on. `lock` (the default) first takes the row lock through a no-op
 * read, so the check and the write are atomic whatever the isolation level.
 */
export async function loadVersioned<Row extends { version: number }>(
  tx: Tx,
  { entity, id, expectedVersion }: { entity: VersionedEntity; id: string; expectedVersion: number },
  load: () => Promise<Row | null>,
  { lock = true }: { lock?: boolean } = {},
): Promise<Row> {
  if (lock) {
    await tx.$executeRaw`SELECT 1 FROM ${Prisma.raw(lockTables[entity])} WHERE id = ${id}::uuid FOR UPDATE`;
  }
  const current = await load();
  if (!current) throw new AppError("not_found", { message: `No ${entity} with this id.` });
  if (current.version !== expectedVersion) {
    throw await staleVersionError(tx, { type: entity, id, version: current.version });
  }
  return current;
}

type VersionedSteps<Row, Dto> = {
  action: VersionedAction;
  role: Role;
  /** Reads the current row inside the transaction, after the lock. */
  load: (tx: Tx) => Promise<Row | null>;
  /** The row as the audit trail and the API show it. */
  toDto: (row: Row) => Dto;
};

const entityOf = (action: VersionedAction) =>
  action.slice(0, action.indexOf(".")) as VersionedEntity;

/** An edit: `apply` returns the written row; the result is its DTO. */
export async function auditedUpdate<Row extends { version: number }, Dto>(
  caller: VersionedCaller,
  { action, role, load, toDto }: VersionedSteps<Row, Dto>,
  apply: (tx: Tx, current: Row, before: Dto) => Promise<Row>,
): Promise<Dto> {
  const { id } = caller;
  return auditedMutation(caller, { action, role }, async (tx) => {
    const current = await loadVersioned(tx, { ...caller, entity: entityOf(action) }, () =>
      load(tx),
    );
    const before = toDto(current);
    const after = toDto(await apply(tx, current, before));
    return { entityId: id, before, after, result: after };
  });
}

/** A delete: `remove` makes its own checks (still referenced…) and deletes the row. */
export async function auditedDelete<Row extends { version: number }, Dto>(
  caller: VersionedCaller,
  { action, role, load, toDto }: VersionedSteps<Row, Dto>,
  remove: (tx: Tx, current: Row) => Promise<void>,
): Promise<void> {
  const { id } = caller;
  await auditedMutation(caller, { action, role }, async (tx) => {
    const current = await loadVersioned(tx, { ...caller, entity: entityOf(action) }, () =>
      load(tx),
    );
    await remove(tx, current);
    return { entityId: id, before: toDto(current), result: undefined };
  });
}
