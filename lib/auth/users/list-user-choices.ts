import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";

export type UserChoice = { id: string; email: string };

/** Users by email for a filter's picker; capped, since a picker past that is no help. */
export async function listUserChoices({
  limit = 500,
  db = getDb(),
}: { limit?: number; db?: DbOrTx } = {}): Promise<UserChoice[]> {
  return db.user.findMany({
    select: { id: true, email: true },
    orderBy: { email: "asc" },
    take: limit,
  });
}
