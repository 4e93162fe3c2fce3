import { z } from "zod";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import type { GraphView, TGraphElement } from "@/lib/trust-map/graph-view-types";

// Cursor pages over the graph for large estates: nodes first, then edges,
// each by id, so a client can draw nodes as they come and every edge's ends
// have arrived before it. The graph is computed in memory, so the cursor is
// the sort key of the last element sent.

const ZGraphCursor = z.object({ after: z.string().max(400) });

const sortKey = (element: TGraphElement) => `${element.type === "node" ? 0 : 1}|${element.id}`;

export function pageGraphView(
  view: GraphView,
  { cursor, limit }: { cursor?: string; limit: number },
): Page<TGraphElement> {
  const elements: TGraphElement[] = [...view.nodes, ...view.edges].sort((a, b) =>
    sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0,
  );
  const after = cursor ? decodeCursor(cursor, ZGraphCursor).after : null;
  const start = after === null ? 0 : firstAfter(elements, after);
  const data = elements.slice(start, start + limit);
  const last = data.at(-1);
  const hasMore = start + limit < elements.length;
  return { data, nextCursor: hasMore && last ? encodeCursor({ after: sortKey(last) }) : null };
}

/** Binary search: the index of the first element sorting after `key`. */
function firstAfter(elements: TGraphElement[], key: string): number {
  let low = 0;
  let high = elements.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sortKey(elements[middle] as TGraphElement) <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}
