import "server-only";
import { z } from "zod";
import { toWorkloadDto, workloadInclude } from "@/lib/catalog/workloads/workload-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { escapeLike } from "@/lib/db/like-pattern";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { TWorkload, TWorkloadListQuery } from "@/lib/schemas/workload";

const ZCursor = z.object({ name: z.string().max(120) });

/** By name; `q` searches the name and the subject ("what presents repo:org/app…?"). */
export async function listWorkloads({
  query,
  db = getDb(),
}: {
  query: TWorkloadListQuery;
  db?: DbOrTx;
}): Promise<Page<TWorkload>> {
  const where: Prisma.WorkloadWhereInput = {
    issuerId: query.issuerId,
    team: query.team || undefined,
  };
  if (query.q) {
    const q = escapeLike(query.q);
    where.OR = [
      { name: { contains: q, mode: "insensitive" } },
      { subject: { contains: q, mode: "insensitive" } },
    ];
  }
  if (query.cursor) where.name = { gt: decodeCursor(query.cursor, ZCursor).name };
  const rows = await db.workload.findMany({
    where,
    include: workloadInclude,
    orderBy: { name: "asc" },
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, toWorkloadDto, (row) => ({ name: row.name }));
}
