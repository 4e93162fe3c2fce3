"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { TSampleToken } from "@/lib/sandbox/sample-token-schemas";

// POST /api/v1/workloads/{id}/sample-token from the workload page. Plain
// state, no query cache: the token is shown once and kept nowhere else.

export function useSampleToken(workloadId: string) {
  const [pending, setPending] = useState(false);
  const [sample, setSample] = useState<TSampleToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function mint(bindingId: string) {
    setPending(true);
    setError(null);
    setSample(null);
    try {
      setSample(
        await apiFetch<TSampleToken>(`/workloads/${workloadId}/sample-token`, {
          method: "POST",
          body: { bindingId },
        }),
      );
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? failure.detail
          : "The sample token could not be asked for; check the connection and try again.",
      );
    } finally {
      setPending(false);
    }
  }
  return { pending, sample, error, mint };
}
