import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import type { TrustMap } from "@/lib/trust-map/build-trust-map";
import { buildGraphView } from "@/lib/trust-map/graph-view";
import type { GraphView, TGraphFilters } from "@/lib/trust-map/graph-view-types";
import { readMapFindings } from "@/lib/trust-map/map-findings-cache";
import { readTrustSnapshot } from "@/lib/trust-map/trust-map-cache";

type LoadOptions = { db?: DbOrTx; filters?: TGraphFilters; at?: Date };

/** The cached map and the findings painted on it; use them synchronously. */
async function loadParts({ db, at }: LoadOptions) {
  const [{ map, syncStates }, findings] = await Promise.all([
    readTrustSnapshot({ db, at }),
    readMapFindings({ db }),
  ]);
  return { map, syncStates, findings };
}

/** The trust map of the catalogue as the API shows it. */
export async function loadGraphView(options: LoadOptions = {}): Promise<GraphView> {
  const parts = await loadParts(options);
  return buildGraphView({ ...parts, filters: options.filters });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const choicesOf = (rows: TrustMap["issuers"] | TrustMap["targets"]) =>
  [...rows.values()].map(({ id, name }) => ({ id, name })).sort(byName);

/** What the map page needs: the filtered graph, and every issuer and target to filter by. */
export async function loadMapPage(options: LoadOptions = {}) {
  const parts = await loadParts(options);
  const { map } = parts;
  return {
    view: buildGraphView({ ...parts, filters: options.filters }),
    choices: { issuers: choicesOf(map.issuers), targets: choicesOf(map.targets) },
    isEmpty: map.issuers.size === 0 && map.targets.size === 0,
  };
}
