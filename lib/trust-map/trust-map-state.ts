import { fileId, unfileId, type FiledIds } from "@/lib/trust-map/filed-ids";
import { lookAlikeKey } from "@/lib/trust-map/look-alike-key";
import type { PreparedBinding } from "@/lib/trust-map/prepared-binding";
import type { PredictedToken } from "@/lib/trust-map/predicted-token";
import type {
  MapBinding,
  MapIssuer,
  MapTarget,
  MapWorkload,
  OpenEdge,
  TrustEdge,
} from "@/lib/trust-map/trust-map-types";

// The graph and the indexes that keep an update local. The catalogue is cut
// into parts by look-alike issuer group: a part holds the workloads of the
// group's issuers and the bindings that trust one of its URLs, and every
// edge of a binding lives in the binding's part. One change recomputes the
// parts it touches and nothing else.

export type Part = {
  workloads: Set<string>;
  bindings: Set<string>;
  /** Edges and open edges by binding, so one binding's can be replaced alone. */
  edges: Map<string, TrustEdge[]>;
  open: Map<string, OpenEdge>;
  /** The workloads by issuer and subject; dropped when a workload comes or goes. */
  index: PartIndex | null;
  /** The bindings by what they admit, for a workload's update; entries may be stale, so readers re-check. */
  bindingIndex: BindingIndex;
  /**
   * Bindings of other parts that may accept tokens of this part's issuers
   * (an AWS statement naming several providers), indexed here too; their
   * edges live in their own part. May be stale, like the index.
   */
  guests: Set<string>;
};

export type BindingIndex = {
  /**
   * Exact-subject bindings by issuer URL, then subject: the subject strings
   * are the bindings' own, so indexing 100k of them joins and hashes no new
   * keys.
   */
  exact: Map<string, FiledIds>;
  /** Subject-pattern bindings by issuer URL and each literal start of what they admit. */
  prefixed: Map<string, Set<string>>;
  /** Bindings bounded by nothing. */
  other: Set<string>;
};

export function emptyBindingIndex(): BindingIndex {
  return { exact: new Map(), prefixed: new Map(), other: new Set() };
}

/** The workloads of one exact issuer URL in a part. */
export type IssuerIndex = {
  bySubject: FiledIds;
  sorted: [string, string][] | null;
  all: Set<string>;
};
export type PartIndex = Map<string, IssuerIndex>;

export type TrustMap = {
  at: Date;
  issuers: Map<string, MapIssuer>;
  workloads: Map<string, MapWorkload>;
  targets: Map<string, MapTarget>;
  bindings: Map<string, MapBinding>;
  bindingsByWorkload: FiledIds;
  bindingsByTarget: Map<string, Set<string>>;
  workloadsByIssuer: Map<string, Set<string>>;
  /**
   * The bindings holding an edge to each workload other than their own:
   * a binding's edge to the workload it was made for is found through
   * bindingsByWorkload.
   */
  edgesByWorkload: FiledIds;
  parts: Map<string, Part>;
  /** Caches, dropped for whatever a change touches. */
  prepared: Map<string, PreparedBinding | null>;
  predicted: Map<string, Prediction | null>;
};

/**
 * A workload's predicted token, and its claims as sent to each audience
 * (one object shared by every binding asking for it). Nearly every workload
 * is asked for one audience: that one's claims are kept beside the token,
 * and a Map made only for a second (50k Maps of one entry at 100k bindings).
 */
export type Prediction = {
  token: PredictedToken;
  /** The first audience asked for, with its claims. */
  audience: string | null;
  claims: Record<string, unknown> | null;
  /** The claims for any other audience. */
  otherAudiences: Map<string | null, Record<string, unknown>> | null;
};

export function emptyTrustMap(at: Date): TrustMap {
  return {
    at,
    issuers: new Map(),
    workloads: new Map(),
    targets: new Map(),
    bindings: new Map(),
    bindingsByWorkload: new Map(),
    bindingsByTarget: new Map(),
    workloadsByIssuer: new Map(),
    edgesByWorkload: new Map(),
    parts: new Map(),
    prepared: new Map(),
    predicted: new Map(),
  };
}

export function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  // Not `new Set([id])`: building from an array walks its iterator.
  if (set) set.add(id);
  else index.set(key, new Set<string>().add(id));
}

export function removeFrom(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  set?.delete(id);
  if (set?.size === 0) index.delete(key);
}

export function partOf(map: TrustMap, key: string): Part {
  let part = map.parts.get(key);
  if (!part) {
    part = {
      workloads: new Set(),
      bindings: new Set(),
      edges: new Map(),
      open: new Map(),
      index: null,
      bindingIndex: emptyBindingIndex(),
      guests: new Set(),
    };
    map.parts.set(key, part);
  }
  return part;
}

/** The part a workload's candidates live in: its issuer's group. */
export function workloadKey(map: TrustMap, workload: MapWorkload): string | null {
  const issuer = map.issuers.get(workload.issuerId);
  return issuer ? lookAlikeKey(issuer.issuerUrl) : null;
}

export function placeWorkload(map: TrustMap, workload: MapWorkload, present: boolean): void {
  const key = workloadKey(map, workload);
  if (key === null) return;
  const part = present ? partOf(map, key) : map.parts.get(key);
  if (!part) return;
  if (present) part.workloads.add(workload.id);
  else part.workloads.delete(workload.id);
  if (part.index) indexWorkload(map, part.index, workload, present);
}

/** Adds a workload to (or takes it from) a part's index by issuer and subject. */
export function indexWorkload(
  map: TrustMap,
  index: PartIndex,
  workload: MapWorkload,
  present: boolean,
): void {
  const issuerUrl = map.issuers.get(workload.issuerId)?.issuerUrl;
  if (issuerUrl === undefined) return;
  let entry = index.get(issuerUrl);
  if (!entry) {
    if (!present) return;
    entry = { bySubject: new Map(), sorted: null, all: new Set() };
    index.set(issuerUrl, entry);
  }
  if (present) {
    entry.all.add(workload.id);
    fileId(entry.bySubject, workload.subject, workload.id);
  } else {
    entry.all.delete(workload.id);
    unfileId(entry.bySubject, workload.subject, workload.id);
  }
  if (entry.sorted) keepSorted(entry.sorted, [workload.subject, workload.id], present);
}

/** The first place in `sorted` (by subject, then id) not before `item`. */
export function sortedPlace(sorted: [string, string][], item: [string, string]): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const [subject, id] = sorted[middle] as [string, string];
    if (subject < item[0] || (subject === item[0] && id < item[1])) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts or removes one entry in place: a splice, not a re-sort of the issuer's workloads. */
function keepSorted(sorted: [string, string][], item: [string, string], present: boolean): void {
  const at = sortedPlace(sorted, item);
  const found = sorted[at]?.[0] === item[0] && sorted[at]?.[1] === item[1];
  if (present && !found) sorted.splice(at, 0, item);
  if (!present && found) sorted.splice(at, 1);
}

export function addIssuer(map: TrustMap, issuer: MapIssuer): void {
  map.issuers.set(issuer.id, issuer);
}

export function addWorkload(map: TrustMap, workload: MapWorkload): void {
  map.workloads.set(workload.id, workload);
  addTo(map.workloadsByIssuer, workload.issuerId, workload.id);
  placeWorkload(map, workload, true);
}

export function removeWorkload(map: TrustMap, id: string): void {
  const workload = map.workloads.get(id);
  if (!workload) return;
  placeWorkload(map, workload, false);
  removeFrom(map.workloadsByIssuer, workload.issuerId, id);
  map.workloads.delete(id);
  map.predicted.delete(id);
}

export function addBinding(map: TrustMap, binding: MapBinding): void {
  map.bindings.set(binding.id, binding);
  fileId(map.bindingsByWorkload, binding.workloadId, binding.id);
  addTo(map.bindingsByTarget, binding.targetId, binding.id);
  partOf(map, lookAlikeKey(binding.issuerUrl)).bindings.add(binding.id);
}

export function removeBinding(map: TrustMap, id: string): void {
  const binding = map.bindings.get(id);
  if (!binding) return;
  map.parts.get(lookAlikeKey(binding.issuerUrl))?.bindings.delete(id);
  unfileId(map.bindingsByWorkload, binding.workloadId, id);
  removeFrom(map.bindingsByTarget, binding.targetId, id);
  map.bindings.delete(id);
  map.prepared.delete(id);
}
