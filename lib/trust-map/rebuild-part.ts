import { judgePrediction } from "@/lib/trust-map/judge-prediction";
import { prepareBinding, type PreparedBinding } from "@/lib/trust-map/prepared-binding";
import { predictToken, type PredictedToken } from "@/lib/trust-map/predicted-token";
import type { IssuerIndex, Part, PartIndex, TrustMap } from "@/lib/trust-map/trust-map-state";
import type { MapBinding, TrustEdge } from "@/lib/trust-map/trust-map-types";

// Evaluates one part: each binding against the workloads it could admit,
// found by index (exact subjects), by a sorted range (subject patterns with
// a literal start) or, when nothing bounds the binding, every workload of
// the part; and always against the workload it was made for.

/** A fresh token's times: issued now, valid five minutes (GitHub's, CLOUDS.md §4). */
const lifetimeSeconds = 300;

function predicted(map: TrustMap, workloadId: string): PredictedToken | null {
  if (map.predicted.has(workloadId)) return map.predicted.get(workloadId) ?? null;
  const workload = map.workloads.get(workloadId);
  const issuer = workload && map.issuers.get(workload.issuerId);
  const token = workload && issuer ? predictToken(workload, issuer) : null;
  map.predicted.set(workloadId, token);
  return token;
}

function prepared(map: TrustMap, binding: MapBinding): PreparedBinding | null {
  if (map.prepared.has(binding.id)) return map.prepared.get(binding.id) ?? null;
  const target = map.targets.get(binding.targetId);
  const workload = map.workloads.get(binding.workloadId);
  const issuer = workload && map.issuers.get(workload.issuerId);
  const siblings = [...(map.bindingsByTarget.get(binding.targetId) ?? [])]
    .filter((id) => id !== binding.id)
    .flatMap((id) => map.bindings.get(id) ?? []);
  const ready =
    target && workload && issuer
      ? prepareBinding({ binding, target, workload, issuer, siblings, at: map.at })
      : null;
  map.prepared.set(binding.id, ready);
  return ready;
}

// Clouds compare `iss` byte for byte (CLOUDS.md 1.3, 2.1, 3.2), so only the
// workloads of the very issuer a binding trusts can be admitted: a
// look-alike's workload is judged only when the binding was made for it
// (the broken edge a slip leaves). Hence the index key: issuer + subject.
function indexPart(map: TrustMap, workloadIds: Set<string>): PartIndex {
  const index: PartIndex = new Map();
  for (const id of workloadIds) {
    const workload = map.workloads.get(id);
    const issuerUrl = workload && map.issuers.get(workload.issuerId)?.issuerUrl;
    if (!workload || issuerUrl === undefined) continue;
    let entry = index.get(issuerUrl);
    if (!entry) {
      entry = { bySubject: new Map(), sorted: null, all: [] };
      index.set(issuerUrl, entry);
    }
    entry.all.push(id);
    const list = entry.bySubject.get(workload.subject);
    if (list) list.push(id);
    else entry.bySubject.set(workload.subject, [id]);
  }
  return index;
}

function withPrefix(map: TrustMap, index: IssuerIndex, prefix: string): string[] {
  index.sorted ??= index.all
    .map((id): [string, string] => [map.workloads.get(id)?.subject ?? "", id])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sorted = index.sorted;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle]?.[0] ?? "") < prefix) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let at = low; at < sorted.length; at += 1) {
    const [subject, id] = sorted[at] as [string, string];
    if (!subject.startsWith(prefix)) break;
    found.push(id);
  }
  return found;
}

function candidatesOf(map: TrustMap, part: PartIndex, ready: PreparedBinding): Set<string> {
  const found = new Set<string>([ready.binding.workloadId]);
  const index = part.get(ready.binding.issuerUrl);
  if (ready.invalid || !index) return found;
  const { subjects, subjectPrefixes } = ready.admission;
  const add = (ids: string[] | undefined) => ids?.forEach((id) => found.add(id));
  if (subjects) subjects.forEach((subject) => add(index.bySubject.get(subject)));
  else if (subjectPrefixes)
    subjectPrefixes.forEach((prefix) => add(withPrefix(map, index, prefix)));
  else add(index.all);
  return found;
}

function edgeFor(map: TrustMap, ready: PreparedBinding, workloadId: string): TrustEdge | null {
  const token = predicted(map, workloadId);
  if (!token) return null;
  const iat = Math.floor(map.at.getTime() / 1000);
  const { audience } = ready.admission;
  const claims = {
    ...token.claims,
    ...(audience === null ? {} : { aud: audience }),
    iat,
    exp: iat + lifetimeSeconds,
  };
  let judgement = judgePrediction(ready.judge, token, claims);
  if (judgement.verdict === "accepted" && ready.judgeWithSiblings) {
    judgement = judgePrediction(ready.judgeWithSiblings, token, claims);
  }
  const { binding } = ready;
  const declared = binding.workloadId === workloadId;
  const kind =
    judgement.verdict === "accepted"
      ? "effective"
      : judgement.verdict === "undecided"
        ? "undecided"
        : declared
          ? "broken"
          : null;
  if (kind === null) return null;
  return {
    ...judgement,
    kind,
    bindingId: binding.id,
    workloadId,
    targetId: binding.targetId,
    cloud: binding.cloud,
    declared,
    ...(token.audience === "unconfirmed" ? { audienceUnconfirmed: true } : {}),
    ...(token.partial ? { partialToken: true } : {}),
  };
}

/** Replaces one binding's edges in its part (none when the binding is gone). */
export function judgeBinding(map: TrustMap, part: Part, bindingId: string): void {
  part.edges.delete(bindingId);
  part.open.delete(bindingId);
  const binding = map.bindings.get(bindingId);
  const ready = binding && prepared(map, binding);
  if (!binding || !ready) return;
  part.index ??= indexPart(map, part.workloads);
  const edges: TrustEdge[] = [];
  for (const workloadId of candidatesOf(map, part.index, ready)) {
    const edge = edgeFor(map, ready, workloadId);
    if (edge) edges.push(edge);
  }
  if (edges.length > 0) part.edges.set(bindingId, edges);
  if (ready.admission.open && !ready.invalid) {
    const { id, targetId, cloud, issuerUrl } = binding;
    part.open.set(bindingId, {
      bindingId: id,
      targetId,
      cloud,
      issuerUrl,
      admits: ready.admission.open,
    });
  }
}

/** Recomputes the edges of one part from the map's current rows. */
export function rebuildPart(map: TrustMap, key: string): void {
  const part = map.parts.get(key);
  if (!part) return;
  if (part.workloads.size === 0 && part.bindings.size === 0) {
    map.parts.delete(key);
    return;
  }
  part.edges = new Map();
  part.open = new Map();
  part.index = null;
  for (const bindingId of part.bindings) judgeBinding(map, part, bindingId);
}
