import "server-only";
import { toUserDto, userSelect } from "@/lib/auth/users/user-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TUser } from "@/lib/schemas/user";

export async function getUser({ id, db = getDb() }: { id: string; db?: DbOrTx }): Promise<TUser> {
  const row = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!row) throw new AppError("not_found", { message: "No user with this id." });
  return toUserDto(row);
}
