import "server-only";
import { systemActor } from "@/lib/auth/actor";
import { insertUser } from "@/lib/auth/users/insert-user";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import type { TSetupInput, TUser } from "@/lib/schemas/user";

// Two browsers submitting /setup at once must not both become admin.
const setupLockKey = 7_355_608_424_003;

export async function hasAnyUser(db: DbOrTx = getDb()): Promise<boolean> {
  return (await db.user.count({ take: 1 })) > 0;
}

/** Creates the first admin; refused once any user exists (first-run setup, env bootstrap). */
export async function setupFirstAdmin({
  input,
  requestId,
  via,
  db,
}: {
  input: TSetupInput;
  requestId: string;
  via: "setup" | "bootstrap" | "cli";
  db?: DbOrTx;
}): Promise<TUser> {
  return inTransaction(db, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${setupLockKey}::bigint)`;
    if (await hasAnyUser(tx)) {
      throw new AppError("conflict", { message: "Setup is already done: sign in instead." });
    }
    return insertUser(tx, {
      actor: systemActor(via),
      requestId,
      input: { ...input, role: "admin" },
    });
  });
}
