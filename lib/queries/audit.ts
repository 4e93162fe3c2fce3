import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { TAuditChainReport } from "@/lib/audit/chain-report";
import type { ListBody } from "@/lib/queries/list-body";
import type { TAuditEvent } from "@/lib/schemas/audit";

export const auditKeys = {
  all: ["audit"] as const,
  entity: (entityType: string, entityId: string) =>
    [...auditKeys.all, "entity", entityType, entityId] as const,
  verify: () => [...auditKeys.all, "verify"] as const,
};

/** One entity's older events, after the page the server rendered (`after` is its cursor). */
export function entityHistoryQueryOptions(
  entityType: string,
  entityId: string,
  after: string,
  pageSize: number,
) {
  return infiniteQueryOptions({
    queryKey: [...auditKeys.entity(entityType, entityId), after] as const,
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams({
        entityType,
        entityId,
        cursor: pageParam,
        limit: String(pageSize),
      });
      return apiFetch<ListBody<TAuditEvent>>(`/audit?${search}`);
    },
    initialPageParam: after,
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
  });
}

/** Runs only when asked: it recomputes the whole chain. */
export function auditVerifyQueryOptions() {
  return queryOptions({
    queryKey: auditKeys.verify(),
    queryFn: () => apiFetch<TAuditChainReport>("/audit/verify"),
    enabled: false,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
}
