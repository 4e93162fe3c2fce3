"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// Loaded with React Query once the page is interactive, like the other islands.

const withQueries = () => import("@/components/providers/query-island").then((m) => m.withQueries);

export const VerifyChainIsland = dynamic(
  async () => (await withQueries())((await import("@/components/audit/verify-chain")).VerifyChain),
  { ssr: false, loading: () => <Skeleton className="h-8 w-28" /> },
);
