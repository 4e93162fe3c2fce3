import "server-only";
import { z } from "zod";
import { bindingInclude, toBindingDto } from "@/lib/catalog/bindings/binding-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { toDbEnum } from "@/lib/db/enum-names";
import type { $Enums, Prisma } from "@/lib/db/generated/client";
import { escapeLike } from "@/lib/db/like-pattern";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TBinding, TBindingListQuery } from "@/lib/schemas/binding";

// Binding names repeat across targets, so the cursor carries the id too.
const ZCursor = z.object({ name: z.string().max(128), id: z.uuid() });

/** By name; `q` searches the name and the subject, pattern or member ("what trusts repo:org/app?"). */
export async function listBindings({
  query,
  db = getDb(),
  ids,
}: {
  query: TBindingListQuery;
  db?: DbOrTx;
  /** Only these bindings (the risk filter of the list page). */
  ids?: string[];
}): Promise<Page<TBinding>> {
  const and: Prisma.BindingWhereInput[] = [
    {
      id: ids ? { in: ids } : undefined,
      cloud: query.cloud,
      workloadId: query.workloadId,
      targetId: query.targetId,
      syncState: query.syncState && toDbEnum<$Enums.SyncState>(query.syncState),
      workload: query.issuerId ? { issuerId: query.issuerId } : undefined,
    },
  ];
  if (query.q) {
    const q = escapeLike(query.q);
    and.push({
      OR: [
        { name: { contains: q, mode: "insensitive" } },
        { subject: { contains: q, mode: "insensitive" } },
      ],
    });
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, ZCursor);
    and.push({ OR: [{ name: { gt: cursor.name } }, { name: cursor.name, id: { gt: cursor.id } }] });
  }
  const rows = await db.binding.findMany({
    where: { AND: and },
    include: bindingInclude,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  return toPage(
    rows,
    query.limit,
    (row) => toBindingDto(row),
    (row) => ({ name: row.name, id: row.id }),
  );
}
