import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { syncKeys } from "@/lib/queries/sync";
import type { TSyncPlan } from "@/lib/sync/plan/plan-dto";

type PlanStatus = Pick<
  TSyncPlan,
  "id" | "status" | "progress" | "approvedBy" | "approvedAt" | "finishedAt"
>;

/** The plan's status and counts, polled every second while it is being applied. */
export function useSyncPlanStatus(initial: PlanStatus) {
  return useQuery({
    queryKey: syncKeys.plan(initial.id),
    queryFn: () => apiFetch<TSyncPlan>(`/sync/plans/${initial.id}?limit=1`),
    initialData: initial as TSyncPlan,
    refetchInterval: (query) => (query.state.data?.status === "applying" ? 1000 : false),
  });
}

export function useApplySyncPlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: "pending" | "failed") =>
      apiFetch<{ id: string; operations: number }>(`/sync/plans/${planId}/apply`, {
        method: "POST",
        body: { changes },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncKeys.plan(planId) }),
  });
}
