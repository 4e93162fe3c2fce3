import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { TImportView } from "@/lib/sync/import/import-schemas";

export const importKeys = {
  all: ["imports"] as const,
  run: (runId: string, cursor: string | null) =>
    [...importKeys.all, "run", runId, cursor ?? ""] as const,
};

/** Groups of proposals per page: a page of 25 targets stays a few hundred rows. */
export const importPageSize = 25;

/** Polled once a second while the cloud is being read, then left alone. */
export const importPollMs = 1_000;

export function isReading(status: TImportView["run"]["status"]): boolean {
  return status === "queued" || status === "reading";
}

export function importQueryOptions(runId: string, cursor: string | null) {
  const search = new URLSearchParams({ limit: String(importPageSize) });
  if (cursor) search.set("cursor", cursor);
  return queryOptions({
    queryKey: importKeys.run(runId, cursor),
    queryFn: () => apiFetch<TImportView>(`/imports/${runId}?${search}`),
    refetchInterval: (query) =>
      query.state.data && isReading(query.state.data.run.status) ? importPollMs : false,
  });
}
