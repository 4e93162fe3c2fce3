import "server-only";
import { apiTokenSelect, toApiTokenDto } from "@/lib/auth/tokens/api-token-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { newestFirst, toPage, type Page } from "@/lib/pagination";
import type { TApiToken } from "@/lib/schemas/api-token";

/** Newest first. */
export async function listApiTokens({
  query,
  db = getDb(),
}: {
  query: { cursor?: string; limit: number };
  db?: DbOrTx;
}): Promise<Page<TApiToken>> {
  const rows = await db.apiToken.findMany({
    where: newestFirst.after(query.cursor),
    orderBy: newestFirst.orderBy(),
    take: query.limit + 1,
    select: apiTokenSelect,
  });
  return toPage(rows, query.limit, toApiTokenDto, newestFirst.cursorOf);
}
