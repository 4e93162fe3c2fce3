import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { newestFirst, toPage, type Page } from "@/lib/pagination";
import type { TDiagnosisHistoryQuery, TDiagnosisRecord } from "@/lib/schemas/diagnose";

const select = {
  id: true,
  tokenSha256: true,
  iss: true,
  sub: true,
  aud: true,
  exp: true,
  iat: true,
  kid: true,
  alg: true,
  signature: true,
  accepted: true,
  rejected: true,
  undecided: true,
  createdAt: true,
} as const satisfies Prisma.DiagnosedTokenSelect;

type Row = Prisma.DiagnosedTokenGetPayload<{ select: typeof select }>;

function toRecord(row: Row): TDiagnosisRecord {
  const aud = typeof row.aud === "string" || Array.isArray(row.aud) ? row.aud : null;
  return {
    ...row,
    aud,
    exp: row.exp === null ? null : Number(row.exp),
    iat: row.iat === null ? null : Number(row.iat),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The caller's own diagnoses, newest first. Each user sees only theirs (an
 * API token's are its creator's): a history of what someone pasted says
 * something about what they were debugging.
 */
export async function listDiagnoses({
  actor,
  query,
  db = getDb(),
}: {
  actor: Actor;
  query: TDiagnosisHistoryQuery;
  db?: DbOrTx;
}): Promise<Page<TDiagnosisRecord>> {
  if (actor.userId === null) return { data: [], nextCursor: null };
  const rows = await db.diagnosedToken.findMany({
    where: { userId: actor.userId, ...newestFirst.after(query.cursor) },
    orderBy: newestFirst.orderBy(),
    take: query.limit + 1,
    select,
  });
  return toPage(rows, query.limit, toRecord, newestFirst.cursorOf);
}
