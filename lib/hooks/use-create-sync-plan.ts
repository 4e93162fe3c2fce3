import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { syncKeys } from "@/lib/queries/sync";
import type { TPlanScope } from "@/lib/sync/plan/plan-scope";

export function useCreateSyncPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scope: TPlanScope) =>
      apiFetch<{ id: string; hash: string }>("/sync/plan", { method: "POST", body: { scope } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncKeys.all }),
  });
}
