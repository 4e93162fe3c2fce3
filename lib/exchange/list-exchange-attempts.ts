import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/auth/assert-role";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { exchangeAttemptDto } from "@/lib/exchange/exchange-attempt-dto";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { z } from "zod";

// A binding's exchange history, newest first (keyset on startedAt, id).

const ZCursor = z.object({ startedAt: z.iso.datetime(), id: z.uuid() });

export async function listExchangeAttempts({
  actor,
  bindingId,
  cursor,
  limit,
}: {
  actor: Actor;
  bindingId: string;
  cursor?: string;
  limit: number;
}): Promise<Page<TExchangeAttempt>> {
  assertRole(actor, "viewer");
  const after = cursor ? decodeCursor(cursor, ZCursor) : null;
  const startedAt = after && new Date(after.startedAt);
  const rows = await getDb().exchangeAttempt.findMany({
    where: {
      bindingId,
      ...(after && startedAt
        ? { OR: [{ startedAt: { lt: startedAt } }, { startedAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  // An id with no attempts must name a binding (404 otherwise); attempts of a
  // deleted binding stay listed, as its history outlives it.
  if (rows.length === 0 && !after) {
    const binding = await getDb().binding.findUnique({
      where: { id: bindingId },
      select: { id: true },
    });
    if (!binding) throw new AppError("not_found", { message: "No binding with this id." });
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(exchangeAttemptDto),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ startedAt: last.startedAt.toISOString(), id: last.id })
        : null,
  };
}
