"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// "Show older events" reads through React Query, loaded with it once the
// page is interactive; the first page comes rendered from the server.

const withQueries = () => import("@/components/providers/query-island").then((m) => m.withQueries);

export const HistoryMoreIsland = dynamic(
  async () => (await withQueries())((await import("@/components/audit/history-more")).HistoryMore),
  { ssr: false, loading: () => <Skeleton className="h-9 w-44" /> },
);
