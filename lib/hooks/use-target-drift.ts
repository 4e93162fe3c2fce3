import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { driftKeys, targetDriftQueryOptions } from "@/lib/queries/drift";
import type { TTargetDrift } from "@/lib/schemas/drift";

/** A target's last drift check, starting from what the page rendered, polled while one runs. */
export function useTargetDrift(targetId: string, initial: TTargetDrift) {
  return useQuery({ ...targetDriftQueryOptions(targetId), initialData: initial });
}

/** After "Check now" was accepted: read again, which starts the polling. Stable across renders. */
export function useDriftCheckQueued(targetId: string) {
  const client = useQueryClient();
  return useCallback(
    () => void client.invalidateQueries({ queryKey: driftKeys.target(targetId) }),
    [client, targetId],
  );
}
