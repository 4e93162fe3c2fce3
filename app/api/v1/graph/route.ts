import { defineRoute } from "@/lib/http/route";
import { toListBody } from "@/lib/pagination";
import { loadGraphView } from "@/lib/trust-map/graph-view-load";
import { pageGraphView } from "@/lib/trust-map/graph-view-page";
import { ZGraphQuery } from "@/lib/trust-map/graph-view-types";

// The trust map's nodes and edges, filtered, in cursor pages (nodes first).
export const GET = defineRoute({
  role: "viewer",
  query: ZGraphQuery,
  handler: async ({ query, json }) => {
    const { cursor, limit, ...filters } = query;
    const view = await loadGraphView({ filters });
    return json(toListBody(pageGraphView(view, { cursor, limit })));
  },
});
