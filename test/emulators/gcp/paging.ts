import { fail } from "./google-errors";

// List methods take pageSize and an opaque pageToken and answer
// nextPageToken while more remain.
// https://cloud.google.com/apis/design/design_patterns#list_pagination

export function pageOf<T>(
  items: T[],
  url: URL,
  { defaultSize, maxSize }: { defaultSize: number; maxSize: number },
): { items: T[]; nextPageToken?: string } {
  const requested = Number(url.searchParams.get("pageSize") ?? "0");
  if (!Number.isInteger(requested) || requested < 0) {
    fail(400, "INVALID_ARGUMENT", "page_size must be a non-negative integer.");
  }
  const size = Math.min(requested || defaultSize, maxSize);
  const token = url.searchParams.get("pageToken") ?? "";
  const offset = token ? Number(Buffer.from(token, "base64url").toString("utf8")) : 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > items.length) {
    fail(400, "INVALID_ARGUMENT", "The provided page token is invalid.");
  }
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    ...(end < items.length
      ? { nextPageToken: Buffer.from(String(end), "utf8").toString("base64url") }
      : {}),
  };
}
