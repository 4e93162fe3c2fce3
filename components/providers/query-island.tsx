"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ComponentType } from "react";
import { makeQueryClient } from "@/lib/queries/query-client";

// React Query is loaded only by the parts of a page that use it, after the
// page is interactive (issue 11 §11), so it cannot sit in the console layout.
// Those parts are rendered in the browser only (next/dynamic, ssr: false)
// and share one client, so a mutation in one refreshes the list in another.

let browserClient: QueryClient | undefined;

/** The browser's one client; never called on the server. */
export function browserQueryClient(): QueryClient {
  browserClient ??= makeQueryClient();
  return browserClient;
}

/** `Component` inside the shared client's provider. */
export function withQueries<Props extends object>(Component: ComponentType<Props>) {
  return function WithQueries(props: Props) {
    return (
      <QueryClientProvider client={browserQueryClient()}>
        <Component {...props} />
      </QueryClientProvider>
    );
  };
}
