import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { listPath, type ListBody } from "@/lib/queries/list-body";
import type { TUser } from "@/lib/schemas/user";

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export function usersQueryOptions() {
  return infiniteQueryOptions({
    queryKey: userKeys.list(),
    queryFn: ({ pageParam }) => apiFetch<ListBody<TUser>>(listPath("/users", pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.meta.nextCursor,
  });
}
