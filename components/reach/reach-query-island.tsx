"use client";

import dynamic from "next/dynamic";
import { LoadingPlaceholder } from "@/components/ui/skeleton";

// The who-would-this-reach form loads once the map page is interactive: it is
// opened far less often than the map is looked at.
export const ReachQueryForm = dynamic(
  async () => (await import("@/components/reach/reach-query-form")).ReachQueryForm,
  { ssr: false, loading: () => <LoadingPlaceholder what="the query form" /> },
);
