"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";
import { roles, type Role } from "@/lib/auth/roles";
import { useUpdateUser } from "@/lib/hooks/use-update-user";
import { usersQueryOptions } from "@/lib/queries/users";

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const users = useInfiniteQuery(usersQueryOptions());
  const update = useUpdateUser();
  const rows = users.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <div className="grid gap-4">
      {update.error ? <Alert variant="error">{update.error.message}</Alert> : null}
      {users.error ? <Alert variant="error">{users.error.message}</Alert> : null}
      {users.isPending ? <p className="text-sm text-muted-foreground">Loading users…</p> : null}
      {rows.length ? (
        <Table>
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Last sign-in</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((user) => (
              <tr key={user.id}>
                <Td>
                  {user.email}
                  {user.id === currentUserId ? <Badge className="ml-2">you</Badge> : null}
                </Td>
                <Td>{user.name}</Td>
                <Td>
                  <Select
                    aria-label={`Role of ${user.email}`}
                    value={user.role}
                    disabled={update.isPending}
                    onChange={(event) =>
                      update.mutate({ user, input: { role: event.target.value as Role } })
                    }
                    className="w-32"
                  >
                    {roles.map((role) => (
                      <option key={role}>{role}</option>
                    ))}
                  </Select>
                </Td>
                <Td>
                  <Button
                    size="sm"
                    variant={user.disabled ? "outline" : "ghost"}
                    disabled={update.isPending}
                    onClick={() => update.mutate({ user, input: { disabled: !user.disabled } })}
                    aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                  >
                    {user.disabled ? "Disabled · enable" : "Active · disable"}
                  </Button>
                </Td>
                <Td className="text-xs">
                  {user.lastLoginAt ? <Timestamp iso={user.lastLoginAt} /> : "never"}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {users.hasNextPage ? (
        <Button
          variant="outline"
          onClick={() => void users.fetchNextPage()}
          disabled={users.isFetchingNextPage}
        >
          Load more
        </Button>
      ) : null}
    </div>
  );
}
