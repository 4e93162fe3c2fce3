"use client";

import dynamic from "next/dynamic";
import { LoadingPlaceholder } from "@/components/ui/skeleton";

// The plan form writes through React Query: loaded with it once the page is
// interactive, as the import button is.

const withQueries = () => import("@/components/providers/query-island").then((m) => m.withQueries);

export const PlanScopeForm = dynamic(
  async () =>
    (await withQueries())((await import("@/components/sync/plan-scope-form")).PlanScopeForm),
  { ssr: false, loading: () => <LoadingPlaceholder what="the plan form" /> },
);

export const ApplyControls = dynamic(
  async () =>
    (await withQueries())((await import("@/components/sync/apply-controls")).ApplyControls),
  { ssr: false, loading: () => <LoadingPlaceholder what="the apply controls" /> },
);
