import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { listPath, type ListBody } from "@/lib/queries/list-body";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";

export const exchangeKeys = {
  all: ["exchanges"] as const,
  binding: (bindingId: string) => [...exchangeKeys.all, bindingId] as const,
};

/** A binding's past exchanges, ten at a time (outcomes and fingerprints only). */
export function exchangesQueryOptions(bindingId: string) {
  return infiniteQueryOptions({
    queryKey: exchangeKeys.binding(bindingId),
    queryFn: ({ pageParam }) =>
      apiFetch<ListBody<TExchangeAttempt>>(
        listPath(`/bindings/${bindingId}/exchanges`, pageParam, 10),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.meta.nextCursor,
  });
}
