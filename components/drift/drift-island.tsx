"use client";

import dynamic from "next/dynamic";
import { LoadingPlaceholder } from "@/components/ui/skeleton";

// The drift panel polls through React Query, which is loaded with it once the
// page is interactive (issue 11 §11), like the other React Query islands.

const withQueries = () => import("@/components/providers/query-island").then((m) => m.withQueries);

export const DriftPanel = dynamic(
  async () => (await withQueries())((await import("@/components/drift/drift-panel")).DriftPanel),
  { ssr: false, loading: () => <LoadingPlaceholder what="the comparison with the cloud" /> },
);
