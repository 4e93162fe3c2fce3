import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-client";

/** One factory for the browser's client (CONVENTIONS 18). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not heal by retrying.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
    },
  });
}
