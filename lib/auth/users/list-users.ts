import "server-only";
import { z } from "zod";
import { toUserDto, userSelect } from "@/lib/auth/users/user-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TUser } from "@/lib/schemas/user";

const ZCursor = z.object({ email: z.string().max(320) });

export async function listUsers({
  query,
  db = getDb(),
}: {
  query: { cursor?: string; limit: number };
  db?: DbOrTx;
}): Promise<Page<TUser>> {
  const rows = await db.user.findMany({
    where: query.cursor ? { email: { gt: decodeCursor(query.cursor, ZCursor).email } } : undefined,
    orderBy: { email: "asc" },
    take: query.limit + 1,
    select: userSelect,
  });
  return toPage(rows, query.limit, toUserDto, (row) => ({ email: row.email }));
}
