"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { TExchangeAttempt } from "@/lib/exchange/exchange-schemas";

// POST /api/v1/exchange from a page. Plain state rather than a query cache:
// the token goes out in the request body only and nothing keeps it.

export function useTryExchange(onDone?: () => void) {
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState<TExchangeAttempt | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(token: string, bindingId: string) {
    setPending(true);
    setError(null);
    try {
      setAttempt(
        await apiFetch<TExchangeAttempt>("/exchange", {
          method: "POST",
          body: { token, bindingId },
        }),
      );
      onDone?.();
    } catch (failure) {
      setAttempt(null);
      setError(
        failure instanceof ApiError
          ? failure.detail
          : "The exchange could not be sent; check the connection and try again.",
      );
    } finally {
      setPending(false);
    }
  }
  return { pending, attempt, error, run };
}
