import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { hasRole } from "@/lib/auth/roles";
import { toUserDto, userSelect } from "@/lib/auth/users/user-dto";
import { staleVersionError } from "@/lib/catalog/stale-version";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import type { TUser, TUserUpdateInput } from "@/lib/schemas/user";

/** Changes a user's role and/or disabled flag (SECURITY.md 3.3 invariants). */
export async function updateUser({
  actor,
  requestId,
  id,
  expectedVersion,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  id: string;
  expectedVersion: number;
  input: TUserUpdateInput;
  db?: DbOrTx;
}): Promise<TUser> {
  assertRole(actor, "admin");
  if (input.role && actor.role && !hasRole(actor.role, input.role)) {
    throw new AppError("forbidden", { message: "You cannot grant a role above your own." });
  }
  return inTransaction(db, async (tx) => {
    // Lock every admin row: two admins demoting each other at once must not
    // both succeed and leave none.
    await tx.$executeRaw`SELECT id FROM "user" WHERE role = 'admin' OR id = ${id}::uuid FOR UPDATE`;
    const current = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!current) throw new AppError("not_found", { message: "No user with this id." });
    if (current.version !== expectedVersion) {
      throw await staleVersionError(tx, { type: "user", id, version: current.version });
    }
    const nextRole = input.role ?? current.role;
    const nextDisabled = input.disabled ?? current.disabled;
    const losesAdmin =
      current.role === "admin" && !current.disabled && (nextRole !== "admin" || nextDisabled);
    if (losesAdmin) await assertAnotherActiveAdmin(tx, id);
    const row = await tx.user.update({
      where: { id },
      data: { role: nextRole, disabled: nextDisabled, version: { increment: 1 } },
      select: userSelect,
    });
    if (nextDisabled && !current.disabled) {
      await tx.session.updateMany({
        where: { userId: id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    }
    const before = toUserDto(current);
    const after = toUserDto(row);
    const audit = { actor, requestId, entityType: "user", entityId: id, before, after };
    if (nextRole !== current.role)
      await appendAuditEvent(tx, { ...audit, action: "user.role.change" });
    if (nextDisabled !== current.disabled) {
      await appendAuditEvent(tx, {
        ...audit,
        action: nextDisabled ? "user.disable" : "user.enable",
      });
    }
    return after;
  });
}

async function assertAnotherActiveAdmin(tx: Tx, exceptId: string): Promise<void> {
  const others = await tx.user.count({
    where: { role: "admin", disabled: false, id: { not: exceptId } },
  });
  if (others === 0) {
    throw new AppError("conflict", {
      message: "This is the last active admin: make someone else admin first.",
    });
  }
}
