import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { getDb } from "@/lib/db/client";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { toImportRunDto } from "@/lib/sync/import/import-run-dto";
import type { TImportView, TImportViewQuery } from "@/lib/sync/import/import-schemas";
import { readProposals } from "@/lib/sync/import/read-proposals";
import { z } from "zod";

const ZOffsetCursor = z.object({ offset: z.string().regex(/^\d{1,6}$/) });

/** A run with one page of its proposals, grouped by target. */
export async function getImport({
  actor,
  runId,
  query,
}: {
  actor: Actor;
  runId: string;
  query: TImportViewQuery;
}): Promise<TImportView> {
  assertRole(actor, "viewer");
  const { run, proposals } = await readProposals(getDb(), runId);
  const offset = query.cursor ? Number(decodeCursor(query.cursor, ZOffsetCursor).offset) : 0;
  const targets = proposals?.targets ?? [];
  const end = offset + query.limit;
  return {
    run: toImportRunDto(run),
    summary: proposals?.summary ?? null,
    readErrors: proposals?.readErrors ?? [],
    data: targets.slice(offset, end),
    meta: { nextCursor: end < targets.length ? encodeCursor({ offset: String(end) }) : null },
  };
}
