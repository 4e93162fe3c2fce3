import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { userKeys } from "@/lib/queries/users";
import type { TUser, TUserUpdateInput } from "@/lib/schemas/user";

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ user, input }: { user: TUser; input: TUserUpdateInput }) =>
      apiFetch<TUser>(`/users/${user.id}`, { method: "PATCH", body: input, ifMatch: user.version }),
    onSettled: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
