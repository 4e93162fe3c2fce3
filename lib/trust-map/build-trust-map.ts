import { filedAt } from "@/lib/trust-map/filed-ids";
import { lookAlikeKey } from "@/lib/trust-map/look-alike-key";
import {
  drain,
  dropBindingEdges,
  judgeBinding,
  judgeWorkload,
  rebuildPart,
  rebuildPartSteps,
} from "@/lib/trust-map/rebuild-part";
import {
  addBinding,
  addIssuer,
  addWorkload,
  emptyTrustMap,
  placeWorkload,
  removeBinding,
  removeWorkload,
  workloadKey,
  type TrustMap,
} from "@/lib/trust-map/trust-map-state";
import type {
  CatalogueChange,
  OpenEdge,
  TrustCatalogue,
  TrustEdge,
} from "@/lib/trust-map/trust-map-types";

// The effective trust graph (DESIGN.md "Effective trust"), pure: built from
// the whole catalogue once, then kept current one change at a time.

export type { TrustMap };

/** The graph of the whole catalogue, as of `at` (the predicted tokens' issue time). */
export function buildTrustMap(catalogue: TrustCatalogue, { at }: { at: Date }): TrustMap {
  const map = emptyTrustMap(at);
  drain(buildSteps(map, catalogue));
  return map;
}

function* buildSteps(map: TrustMap, catalogue: TrustCatalogue): Generator<void> {
  for (const issuer of catalogue.issuers) addIssuer(map, issuer);
  for (const target of catalogue.targets) map.targets.set(target.id, target);
  for (const workload of catalogue.workloads) addWorkload(map, workload);
  for (const binding of catalogue.bindings) addBinding(map, binding);
  for (const key of map.parts.keys()) yield* rebuildPartSteps(map, key);
}

export type SliceOptions = {
  at: Date;
  /** Says when the build has held the thread long enough and should let other work run. */
  shouldPause?: () => boolean;
};

/** True once `ms` have passed since the last pause. */
function everyMs(ms: number): () => boolean {
  let since = performance.now();
  return () => {
    const now = performance.now();
    if (now - since < ms) return false;
    since = now;
    return true;
  };
}

// A large estate takes seconds to judge; a server building its map in one
// go would answer nobody meanwhile. The same steps as buildTrustMap, giving
// the event loop a turn every few milliseconds.
const sliceMs = 10;

/** buildTrustMap, in slices: other requests are served while it runs. */
export async function buildTrustMapInSlices(
  catalogue: TrustCatalogue,
  { at, shouldPause = everyMs(sliceMs) }: SliceOptions,
): Promise<TrustMap> {
  const map = emptyTrustMap(at);
  for (const step of buildSteps(map, catalogue)) {
    void step;
    if (shouldPause()) await new Promise((resolve) => setImmediate(resolve));
  }
  return map;
}

/** Parts whose edges may move when these rows change, read from the map as it stands. */
function touchedParts(map: TrustMap, change: CatalogueChange): Set<string> {
  const keys = new Set<string>();
  const ids = (name: keyof TrustCatalogue) => [
    ...(change.upsert?.[name] ?? []).map((row) => row.id),
    ...(change.remove?.[name] ?? []),
  ];
  const bindingParts = (bindingIds: Iterable<string> | undefined) => {
    for (const id of bindingIds ?? []) {
      const binding = map.bindings.get(id);
      if (binding) keys.add(lookAlikeKey(binding.issuerUrl));
    }
  };
  const workloadParts = (workloadIds: Iterable<string> | undefined) => {
    for (const id of workloadIds ?? []) {
      const workload = map.workloads.get(id);
      const issuer = workload && map.issuers.get(workload.issuerId);
      if (issuer) keys.add(lookAlikeKey(issuer.issuerUrl));
      // Its own bindings judge its token wherever their issuer lives.
      bindingParts(filedAt(map.bindingsByWorkload, id));
    }
  };
  for (const id of ids("issuers")) workloadParts(map.workloadsByIssuer.get(id));
  workloadParts(ids("workloads"));
  for (const id of ids("targets")) bindingParts(map.bindingsByTarget.get(id));
  for (const id of ids("bindings")) {
    const binding = map.bindings.get(id);
    // A binding's siblings judge with it (an AWS role is one policy).
    bindingParts(binding ? map.bindingsByTarget.get(binding.targetId) : [id]);
  }
  return keys;
}

/** Drops the cached tokens and cloud objects the change makes stale. */
function forget(map: TrustMap, change: CatalogueChange): void {
  const ids = (name: keyof TrustCatalogue) => [
    ...(change.upsert?.[name] ?? []).map((row) => row.id),
    ...(change.remove?.[name] ?? []),
  ];
  const forgetBindings = (bindingIds: Iterable<string> | undefined) => {
    for (const id of bindingIds ?? []) map.prepared.delete(id);
  };
  const forgetWorkloads = (workloadIds: Iterable<string> | undefined) => {
    for (const id of workloadIds ?? []) {
      map.predicted.delete(id);
      forgetBindings(filedAt(map.bindingsByWorkload, id));
    }
  };
  for (const id of ids("issuers")) forgetWorkloads(map.workloadsByIssuer.get(id));
  forgetWorkloads(ids("workloads"));
  for (const id of ids("targets")) forgetBindings(map.bindingsByTarget.get(id));
  for (const id of ids("bindings")) {
    const binding = map.bindings.get(id);
    forgetBindings(binding ? map.bindingsByTarget.get(binding.targetId) : [id]);
  }
}

function apply(map: TrustMap, change: CatalogueChange): void {
  const { upsert = {}, remove = {} } = change;
  for (const id of [...(remove.bindings ?? []), ...(upsert.bindings ?? []).map((row) => row.id)]) {
    removeBinding(map, id);
  }
  for (const id of [
    ...(remove.workloads ?? []),
    ...(upsert.workloads ?? []).map((row) => row.id),
  ]) {
    removeWorkload(map, id);
  }
  for (const issuer of upsert.issuers ?? []) {
    // Its workloads follow it to the part of its new URL.
    const workloads = [...(map.workloadsByIssuer.get(issuer.id) ?? [])].flatMap(
      (id) => map.workloads.get(id) ?? [],
    );
    workloads.forEach((workload) => placeWorkload(map, workload, false));
    addIssuer(map, issuer);
    workloads.forEach((workload) => placeWorkload(map, workload, true));
  }
  for (const id of remove.issuers ?? []) map.issuers.delete(id);
  for (const id of remove.targets ?? []) map.targets.delete(id);
  for (const target of upsert.targets ?? []) map.targets.set(target.id, target);
  for (const workload of upsert.workloads ?? []) addWorkload(map, workload);
  for (const binding of upsert.bindings ?? []) addBinding(map, binding);
}

/** The bindings whose own verdicts a change can move: the changed ones, their siblings, a changed target's and a changed workload's. */
function touchedBindings(map: TrustMap, change: CatalogueChange): Set<string> {
  const touched = new Set<string>();
  const onTarget = (targetId: string) =>
    map.bindingsByTarget.get(targetId)?.forEach((id) => touched.add(id));
  for (const id of [
    ...(change.upsert?.bindings ?? []).map((row) => row.id),
    ...(change.remove?.bindings ?? []),
  ]) {
    touched.add(id);
    const binding = map.bindings.get(id);
    if (binding) onTarget(binding.targetId);
  }
  for (const target of change.upsert?.targets ?? []) onTarget(target.id);
  for (const id of change.remove?.targets ?? []) onTarget(id);
  for (const id of workloadIds(change)) {
    for (const bindingId of filedAt(map.bindingsByWorkload, id)) touched.add(bindingId);
  }
  return touched;
}

function workloadIds(change: CatalogueChange): string[] {
  return [
    ...(change.upsert?.workloads ?? []).map((row) => row.id),
    ...(change.remove?.workloads ?? []),
  ];
}

/** The key of the part a workload's candidates live in, null when it or its issuer is gone. */
function partOfWorkload(map: TrustMap, id: string): string | null {
  const workload = map.workloads.get(id);
  return workload ? workloadKey(map, workload) : null;
}

function dropEdges(map: TrustMap, bindingIds: Iterable<string>): void {
  for (const id of bindingIds) {
    const binding = map.bindings.get(id);
    const part = binding && map.parts.get(lookAlikeKey(binding.issuerUrl));
    if (part) dropBindingEdges(map, part, id);
  }
}

/**
 * Applies one catalogue change to the map in place and recomputes only
 * what it touches: a binding or target change re-judges those bindings and
 * their siblings on the same target; a workload change re-judges that
 * workload against the bindings that may admit it (found by index) and its
 * own bindings; an issuer change rebuilds the parts of its workloads (before
 * and after: an edited URL moves them to another part). Returns the same map.
 */
export function updateTrustMap(map: TrustMap, change: CatalogueChange): TrustMap {
  const issuersOnly: CatalogueChange = {
    upsert: { issuers: change.upsert?.issuers ?? [] },
    remove: { issuers: change.remove?.issuers ?? [] },
  };
  const keys = touchedParts(map, issuersOnly);
  // Where each changed workload was: a workload moved to another issuer
  // keeps edges from its old part's bindings unless that part is rebuilt too.
  const partsBefore = new Map(workloadIds(change).map((id) => [id, partOfWorkload(map, id)]));
  const bindings = touchedBindings(map, change);
  dropEdges(map, bindings);
  forget(map, change);
  apply(map, change);
  forget(map, change);
  for (const key of touchedParts(map, issuersOnly)) keys.add(key);
  for (const id of touchedBindings(map, change)) bindings.add(id);
  for (const key of keys) rebuildPart(map, key);
  for (const id of workloadIds(change)) {
    const now = partOfWorkload(map, id);
    const before = partsBefore.get(id) ?? null;
    const rebuilt = now !== null && keys.has(now) && (before === null || keys.has(before));
    if (!rebuilt) judgeWorkload(map, id);
  }
  for (const id of bindings) {
    const binding = map.bindings.get(id);
    const key = binding && lookAlikeKey(binding.issuerUrl);
    if (!key || keys.has(key)) continue;
    const part = map.parts.get(key);
    if (part) judgeBinding(map, part, id);
  }
  return map;
}

export function trustMapEdges(map: TrustMap): TrustEdge[] {
  return [...map.parts.values()].flatMap((part) => [...part.edges.values()].flat());
}

export function trustMapOpenEdges(map: TrustMap): OpenEdge[] {
  return [...map.parts.values()].flatMap((part) => [...part.open.values()]);
}
