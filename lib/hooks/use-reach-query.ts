"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { TReachAnswer } from "@/lib/trust-map/reach-schemas";

// POST /api/v1/graph/reach from the console: a read, but with a body, so
// plain state rather than the query cache.

export function useReachQuery() {
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<TReachAnswer | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  async function ask(body: unknown) {
    setPending(true);
    setError(null);
    try {
      setAnswer(await apiFetch<TReachAnswer>("/graph/reach", { method: "POST", body }));
    } catch (failure) {
      setAnswer(null);
      setError(
        failure instanceof ApiError
          ? failure
          : "The question could not be sent; check the connection and try again.",
      );
    } finally {
      setPending(false);
    }
  }
  return { pending, answer, error, ask };
}
