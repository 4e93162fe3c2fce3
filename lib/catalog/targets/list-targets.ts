import "server-only";
import { z } from "zod";
import { targetInclude, toTargetDto } from "@/lib/catalog/targets/target-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { toDbEnum } from "@/lib/db/enum-names";
import type { $Enums, Prisma } from "@/lib/db/generated/client";
import { escapeLike } from "@/lib/db/like-pattern";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TTarget, TTargetListQuery } from "@/lib/schemas/target";

const ZCursor = z.object({ name: z.string().max(120) });

export async function listTargets({
  query,
  db = getDb(),
}: {
  query: TTargetListQuery;
  db?: DbOrTx;
}): Promise<Page<TTarget>> {
  const where: Prisma.CloudTargetWhereInput = {
    cloud: query.cloud,
    kind: query.kind && toDbEnum<$Enums.TargetKind>(query.kind),
    connectionId: query.connectionId,
  };
  if (query.q) {
    const q = escapeLike(query.q);
    where.OR = [
      { name: { contains: q, mode: "insensitive" } },
      { externalId: { contains: q, mode: "insensitive" } },
    ];
  }
  if (query.cursor) where.name = { gt: decodeCursor(query.cursor, ZCursor).name };
  const rows = await db.cloudTarget.findMany({
    where,
    include: targetInclude,
    orderBy: { name: "asc" },
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, toTargetDto, (row) => ({ name: row.name }));
}
