import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { listPath, type ListBody } from "@/lib/queries/list-body";
import type { TDiagnosisRecord } from "@/lib/schemas/diagnose";

export const diagnosisKeys = {
  all: ["diagnoses"] as const,
  list: () => [...diagnosisKeys.all, "list"] as const,
};

/** The caller's diagnose history, ten at a time: it sits below the paste box. */
export function diagnosesQueryOptions() {
  return infiniteQueryOptions({
    queryKey: diagnosisKeys.list(),
    queryFn: ({ pageParam }) =>
      apiFetch<ListBody<TDiagnosisRecord>>(listPath("/diagnoses", pageParam, 10)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.meta.nextCursor,
  });
}
