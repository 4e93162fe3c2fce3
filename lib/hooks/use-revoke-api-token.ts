import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { apiTokenKeys } from "@/lib/queries/api-tokens";
import type { TApiToken } from "@/lib/schemas/api-token";

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TApiToken>(`/tokens/${id}`, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
