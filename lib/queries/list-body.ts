export type ListBody<T> = { data: T[]; meta: { nextCursor: string | null } };

export function listPath(path: string, cursor: string | null, limit = 100): string {
  const search = new URLSearchParams({ limit: String(limit) });
  if (cursor) search.set("cursor", cursor);
  return `${path}?${search}`;
}
