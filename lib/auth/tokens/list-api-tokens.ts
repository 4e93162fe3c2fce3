import "server-only";
import { z } from "zod";
import { apiTokenSelect, toApiTokenDto } from "@/lib/auth/tokens/api-token-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TApiToken } from "@/lib/schemas/api-token";

const ZCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/** Newest first. */
export async function listApiTokens({
  query,
  db = getDb(),
}: {
  query: { cursor?: string; limit: number };
  db?: DbOrTx;
}): Promise<Page<TApiToken>> {
  const cursor = query.cursor ? decodeCursor(query.cursor, ZCursor) : undefined;
  const rows = await db.apiToken.findMany({
    where: cursor
      ? {
          OR: [
            { createdAt: { lt: new Date(cursor.createdAt) } },
            { createdAt: new Date(cursor.createdAt), id: { lt: cursor.id } },
          ],
        }
      : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: apiTokenSelect,
  });
  return toPage(rows, query.limit, toApiTokenDto, (row) => ({
    createdAt: row.createdAt.toISOString(),
    id: row.id,
  }));
}
