"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <EmptyState
      title="This page failed to load"
      action={<Button onClick={reset}>Try again</Button>}
    >
      If it keeps happening, report reference <code>{error.digest ?? "unknown"}</code>.
    </EmptyState>
  );
}
