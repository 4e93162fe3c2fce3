import { z } from "zod";
import { AppError } from "@/lib/errors";
import { findUnstorableText } from "@/lib/http/find-unstorable-text";

// Keyset pagination: the cursor is the sort key of the last row, opaque to
// clients (base64url JSON), so page cost does not grow with depth.

export const defaultPageSize = 25;
export const maxPageSize = 100;

export const ZPageQuery = z.object({
  cursor: z.string().trim().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
});

export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (findUnstorableText(decoded)) throw new Error("unstorable text in cursor");
    return schema.parse(decoded);
  } catch {
    throw new AppError("validation_failed", {
      message: "The cursor is not one this list issued; start again from the first page.",
      invalidParams: [{ name: "cursor", reason: "not a valid cursor" }],
    });
  }
}

export type Page<T> = { data: T[]; nextCursor: string | null };

/** Callers fetch limit + 1 rows; the extra row only says whether a next page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => Record<string, string>,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  };
}

/** The list envelope every API list returns (CONVENTIONS 7). */
export function toListBody<T>(page: Page<T>): { data: T[]; meta: { nextCursor: string | null } } {
  return { data: page.data, meta: { nextCursor: page.nextCursor } };
}

const ZNewestFirstCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/**
 * Keyset pages over rows newest first, ties broken by id: the filter for
 * the rows after `cursor`, the order, and the cursor a row leaves behind.
 */
export const newestFirst = {
  after(cursor: string | undefined) {
    if (!cursor) return {};
    const key = decodeCursor(cursor, ZNewestFirstCursor);
    const createdAt = new Date(key.createdAt);
    return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: key.id } }] };
  },
  orderBy: () => [{ createdAt: "desc" as const }, { id: "desc" as const }],
  cursorOf: (row: { createdAt: Date; id: string }) => ({
    createdAt: row.createdAt.toISOString(),
    id: row.id,
  }),
};
