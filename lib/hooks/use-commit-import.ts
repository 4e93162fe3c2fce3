import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { importKeys } from "@/lib/queries/imports";
import type { TImportCommitResult } from "@/lib/sync/import/import-schemas";

export function useCommitImport(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (select: string[]) =>
      apiFetch<TImportCommitResult>(`/imports/${runId}/commit`, {
        method: "POST",
        body: { select },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: importKeys.all }),
  });
}
