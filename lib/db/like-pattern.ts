/**
 * Prisma's `contains` hands the text to LIKE/ILIKE unescaped, so a search for
 * "%" would match everything. Backslash is Postgres's default LIKE escape.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
