import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { TTargetDrift } from "@/lib/schemas/drift";

export const driftKeys = {
  all: ["drift"] as const,
  target: (targetId: string) => [...driftKeys.all, "target", targetId] as const,
};

/** While a check is queued or running, the result is polled every second. */
export function targetDriftQueryOptions(targetId: string) {
  return queryOptions({
    queryKey: driftKeys.target(targetId),
    queryFn: () => apiFetch<TTargetDrift>(`/targets/${targetId}/refresh`),
    refetchInterval: (query) => (query.state.data?.checking ? 1_000 : false),
  });
}
