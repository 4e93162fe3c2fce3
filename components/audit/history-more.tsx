"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { HistoryEvent } from "@/components/audit/history-event";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { entityHistoryQueryOptions } from "@/lib/queries/audit";

/** Older events, a page at a time, below the ones the server rendered. */
export function HistoryMore({
  entityType,
  entityId,
  after,
  pageSize,
}: {
  entityType: string;
  entityId: string;
  after: string;
  pageSize: number;
}) {
  // Nothing is read until asked: most visits never look past the first page.
  const [isAsked, setIsAsked] = useState(false);
  const history = useInfiniteQuery({
    ...entityHistoryQueryOptions(entityType, entityId, after, pageSize),
    enabled: isAsked,
  });
  const events = history.data?.pages.flatMap((page) => page.data) ?? [];
  const hasMore = !isAsked || history.hasNextPage;
  const load = () => (isAsked ? void history.fetchNextPage() : setIsAsked(true));
  const busy = history.isFetching;
  return (
    <>
      {events.length > 0 ? (
        <ol aria-label="Older events" className="grid">
          {events.map((event) => (
            <HistoryEvent key={event.seq} event={event} open={false} />
          ))}
        </ol>
      ) : null}
      {history.error ? <Alert variant="error">{history.error.message}</Alert> : null}
      {hasMore ? (
        <Button variant="outline" className="justify-self-start" onClick={load} disabled={busy}>
          {busy ? "Loading…" : "Show older events"}
        </Button>
      ) : null}
    </>
  );
}
