import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { userKeys } from "@/lib/queries/users";
import type { TUser, TUserCreateInput } from "@/lib/schemas/user";

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TUserCreateInput) =>
      apiFetch<TUser>("/users", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
