import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { listPath, type ListBody } from "@/lib/queries/list-body";
import type { TApiToken } from "@/lib/schemas/api-token";

export const apiTokenKeys = {
  all: ["api-tokens"] as const,
  list: () => [...apiTokenKeys.all, "list"] as const,
};

export function apiTokensQueryOptions() {
  return infiniteQueryOptions({
    queryKey: apiTokenKeys.list(),
    queryFn: ({ pageParam }) => apiFetch<ListBody<TApiToken>>(listPath("/tokens", pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.meta.nextCursor,
  });
}
