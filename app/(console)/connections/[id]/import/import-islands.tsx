"use client";

import dynamic from "next/dynamic";
import { LoadingPlaceholder } from "@/components/ui/skeleton";

// The import's parts poll and write through React Query: loaded with it once
// the page is interactive, as the settings panels are.

const withQueries = () => import("@/components/providers/query-island").then((m) => m.withQueries);

export const StartImportButton = dynamic(
  async () =>
    (await withQueries())(
      (await import("@/components/import/start-import-button")).StartImportButton,
    ),
  { ssr: false, loading: () => <LoadingPlaceholder what="the import button" /> },
);

export const ImportReview = dynamic(
  async () =>
    (await withQueries())((await import("@/components/import/import-review")).ImportReview),
  { ssr: false, loading: () => <LoadingPlaceholder what="the import" /> },
);
