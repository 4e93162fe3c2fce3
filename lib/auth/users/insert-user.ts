import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { toUserDto, userSelect } from "@/lib/auth/users/user-dto";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TUser, TUserCreateInput } from "@/lib/schemas/user";

/** The shared write behind every way a user comes to exist; callers authorise. */
export async function insertUser(
  tx: Tx,
  {
    actor,
    requestId,
    input,
  }: {
    actor: Actor;
    requestId: string;
    input: Omit<TUserCreateInput, "password"> & { password?: string };
  },
): Promise<TUser> {
  const clash = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (clash) {
    throw new AppError("conflict", {
      message: "A user with this email already exists.",
      invalidParams: [{ name: "email", reason: "already in use" }],
    });
  }
  const row = await tx.user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    },
    select: userSelect,
  });
  const user = toUserDto(row);
  await appendAuditEvent(tx, {
    actor,
    requestId,
    action: "user.create",
    entityType: "user",
    entityId: user.id,
    after: user,
  });
  return user;
}
