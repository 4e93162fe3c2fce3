import "server-only";
import { z } from "zod";
import { issuerKindToDb, toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { escapeLike } from "@/lib/db/like-pattern";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TIssuer, TIssuerListQuery } from "@/lib/schemas/issuer";

// Names are unique, so the name alone is a stable keyset cursor.
const ZCursor = z.object({ name: z.string().max(120) });

export async function listIssuers({
  query,
  db = getDb(),
}: {
  query: TIssuerListQuery;
  db?: DbOrTx;
}): Promise<Page<TIssuer>> {
  const where: Prisma.IssuerWhereInput = { kind: query.kind && issuerKindToDb(query.kind) };
  if (query.q) {
    const q = escapeLike(query.q);
    where.OR = [
      { name: { contains: q, mode: "insensitive" } },
      { issuerUrl: { contains: q, mode: "insensitive" } },
    ];
  }
  if (query.cursor) where.name = { gt: decodeCursor(query.cursor, ZCursor).name };
  const rows = await db.issuer.findMany({ where, orderBy: { name: "asc" }, take: query.limit + 1 });
  return toPage(rows, query.limit, toIssuerDto, (row) => ({ name: row.name }));
}
