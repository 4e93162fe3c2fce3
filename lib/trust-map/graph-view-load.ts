import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { TSyncState } from "@/lib/schemas/binding";
import { buildGraphView } from "@/lib/trust-map/graph-view";
import type { GraphView, TGraphFilters } from "@/lib/trust-map/graph-view-types";
import { loadTrustMap } from "@/lib/trust-map/load-trust-map";

/** The trust map of the catalogue as the page and the API show it. */
export async function loadGraphView({
  db = getDb(),
  filters,
  at = new Date(),
}: { db?: DbOrTx; filters?: TGraphFilters; at?: Date } = {}): Promise<GraphView> {
  const [map, states] = await Promise.all([
    loadTrustMap({ db, at }),
    db.binding.findMany({ select: { id: true, syncState: true } }),
  ]);
  const syncStates = new Map(
    states.map((row) => [row.id, fromDbEnum<TSyncState>(row.syncState)] as const),
  );
  return buildGraphView({ map, syncStates, filters });
}
