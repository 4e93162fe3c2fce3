import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { hasRole } from "@/lib/auth/roles";
import { insertUser } from "@/lib/auth/users/insert-user";
import type { DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import type { TUser, TUserCreateInput } from "@/lib/schemas/user";

export async function createUser({
  actor,
  requestId,
  input,
  db,
}: {
  actor: Actor;
  requestId: string;
  input: TUserCreateInput;
  db?: DbOrTx;
}): Promise<TUser> {
  assertRole(actor, "admin");
  if (actor.role && !hasRole(actor.role, input.role)) {
    throw new AppError("forbidden", { message: "You cannot grant a role above your own." });
  }
  return inTransaction(db, (tx) => insertUser(tx, { actor, requestId, input }));
}
