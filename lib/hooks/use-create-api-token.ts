import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { apiTokenKeys } from "@/lib/queries/api-tokens";
import type { TApiTokenCreateInput, TCreatedApiToken } from "@/lib/schemas/api-token";

/** The secret comes back in the mutation result only; it never enters the query cache. */
export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TApiTokenCreateInput) =>
      apiFetch<TCreatedApiToken>("/tokens", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
