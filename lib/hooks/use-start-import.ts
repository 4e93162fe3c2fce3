import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { TImportRun } from "@/lib/sync/import/import-schemas";

export function useStartImport(connectionId: string) {
  return useMutation({
    mutationFn: () =>
      apiFetch<TImportRun>(`/connections/${connectionId}/imports`, { method: "POST", body: {} }),
  });
}
