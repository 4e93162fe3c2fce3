"use client";

import dynamic from "next/dynamic";
import { LoadingPlaceholder } from "@/components/ui/skeleton";

// The binding page's try exchange reads its history through React Query:
// loaded with it once the page is interactive.

const withQueries = () => import("@/components/providers/query-island").then((m) => m.withQueries);

export const ExchangePanel = dynamic(
  async () =>
    (await withQueries())((await import("@/components/exchange/exchange-panel")).ExchangePanel),
  { ssr: false, loading: () => <LoadingPlaceholder what="try exchange" /> },
);
