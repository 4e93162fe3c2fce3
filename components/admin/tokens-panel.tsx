"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";
import { useRevokeApiToken } from "@/lib/hooks/use-revoke-api-token";
import { apiTokensQueryOptions } from "@/lib/queries/api-tokens";

function isExpired(expiresAt: string | null): boolean {
  return expiresAt !== null && Date.parse(expiresAt) <= Date.now();
}

export function TokensPanel() {
  const tokens = useInfiniteQuery(apiTokensQueryOptions());
  const revoke = useRevokeApiToken();
  const rows = tokens.data?.pages.flatMap((page) => page.data) ?? [];
  if (tokens.isPending) return <p className="text-sm text-muted-foreground">Loading tokens…</p>;
  return (
    <div className="grid gap-4">
      {tokens.error ? <Alert variant="error">{tokens.error.message}</Alert> : null}
      {revoke.error ? <Alert variant="error">{revoke.error.message}</Alert> : null}
      {rows.length === 0 ? (
        <EmptyState title="No API tokens">
          Create one with the form above for CI jobs and scripts.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Token</Th>
              <Th>Role</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Expires</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((token) => (
              <tr key={token.id}>
                <Td>{token.name}</Td>
                <Td className="font-mono text-xs">{token.prefix}…</Td>
                <Td>
                  <Badge variant="outline">{token.role}</Badge>
                </Td>
                <Td className="text-xs">
                  <Timestamp iso={token.createdAt} /> by {token.createdBy}
                </Td>
                <Td className="text-xs">
                  {token.lastUsedAt ? <Timestamp iso={token.lastUsedAt} /> : "never"}
                </Td>
                <Td className="text-xs">
                  {token.expiresAt ? <Timestamp iso={token.expiresAt} /> : "never"}
                </Td>
                <Td>
                  {token.revokedAt ? (
                    <Badge variant="destructive">revoked</Badge>
                  ) : isExpired(token.expiresAt) ? (
                    <Badge variant="outline">expired</Badge>
                  ) : (
                    <ConfirmDialog
                      triggerLabel="Revoke"
                      triggerSize="sm"
                      triggerVariant="outline"
                      title={`Revoke ${token.name}?`}
                      description="Anything using this token stops working at once."
                      confirmLabel="Revoke token"
                      onConfirm={() => revoke.mutate(token.id)}
                    />
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {tokens.hasNextPage ? (
        <Button
          variant="outline"
          onClick={() => void tokens.fetchNextPage()}
          disabled={tokens.isFetchingNextPage}
        >
          Load more
        </Button>
      ) : null}
    </div>
  );
}
