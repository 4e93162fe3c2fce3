import "server-only";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { TSyncState } from "@/lib/schemas/binding";
import type { TrustMap } from "@/lib/trust-map/build-trust-map";
import { buildGraphView } from "@/lib/trust-map/graph-view";
import type { GraphView, TGraphFilters } from "@/lib/trust-map/graph-view-types";
import { loadTrustMap } from "@/lib/trust-map/load-trust-map";

type LoadOptions = { db?: DbOrTx; filters?: TGraphFilters; at?: Date };

async function loadParts({ db = getDb(), at = new Date() }: LoadOptions) {
  const [map, states] = await Promise.all([
    loadTrustMap({ db, at }),
    db.binding.findMany({ select: { id: true, syncState: true } }),
  ]);
  const syncStates = new Map(
    states.map((row) => [row.id, fromDbEnum<TSyncState>(row.syncState)] as const),
  );
  return { map, syncStates };
}

/** The trust map of the catalogue as the API shows it. */
export async function loadGraphView(options: LoadOptions = {}): Promise<GraphView> {
  const { map, syncStates } = await loadParts(options);
  return buildGraphView({ map, syncStates, filters: options.filters });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const choicesOf = (rows: TrustMap["issuers"] | TrustMap["targets"]) =>
  [...rows.values()].map(({ id, name }) => ({ id, name })).sort(byName);

/** What the map page needs: the filtered graph, and every issuer and target to filter by. */
export async function loadMapPage(options: LoadOptions = {}) {
  const { map, syncStates } = await loadParts(options);
  return {
    view: buildGraphView({ map, syncStates, filters: options.filters }),
    choices: { issuers: choicesOf(map.issuers), targets: choicesOf(map.targets) },
    isEmpty: map.issuers.size === 0 && map.targets.size === 0,
  };
}
