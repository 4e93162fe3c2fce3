import { judgePrediction } from "@/lib/trust-map/judge-prediction";
import {
  audienceFor,
  prepareBinding,
  type PreparedBinding,
} from "@/lib/trust-map/prepared-binding";
import { predictToken } from "@/lib/trust-map/predicted-token";
import { fileId, filedAt, holdsOnly, unfileId } from "@/lib/trust-map/filed-ids";
import { lookAlikeKey } from "@/lib/trust-map/look-alike-key";
import type { Admission } from "@/lib/federation/admission";
import {
  addTo,
  emptyBindingIndex,
  indexWorkload,
  partOf,
  sortedPlace,
  type BindingIndex,
  type IssuerIndex,
  type Part,
  type PartIndex,
  type Prediction,
  type TrustMap,
} from "@/lib/trust-map/trust-map-state";
import type { MapBinding, OpenEdge, TrustEdge } from "@/lib/trust-map/trust-map-types";

// Evaluates one part: each binding against the workloads it could admit,
// found by index (exact subjects), by a sorted range (subject patterns with
// a literal start) or, when nothing bounds the binding, every workload of
// the part; and always against the workload it was made for. A binding that
// may accept another issuer's tokens (an AWS statement naming several
// providers) is judged against that issuer's workloads too, found the same
// way in their part; its edges stay in its own part.

/** A fresh token's times: issued now, valid five minutes (GitHub's, CLOUDS.md §4). */
const lifetimeSeconds = 300;

function predicted(map: TrustMap, workloadId: string): Prediction | null {
  // One lookup, not has() then get(): misses are cached as null, never undefined.
  const known = map.predicted.get(workloadId);
  if (known !== undefined) return known;
  const workload = map.workloads.get(workloadId);
  const issuer = workload && map.issuers.get(workload.issuerId);
  const token = workload && issuer ? predictToken(workload, issuer) : null;
  const prediction: Prediction | null = token && {
    token,
    audience: null,
    claims: null,
    otherAudiences: null,
  };
  map.predicted.set(workloadId, prediction);
  return prediction;
}

/** The token's claims as requested for `audience`; evaluators only read them, so one object serves every binding. */
function claimsFor(map: TrustMap, prediction: Prediction, audience: string | null) {
  if (prediction.claims && prediction.audience === audience) return prediction.claims;
  const known = prediction.otherAudiences?.get(audience);
  if (known) return known;
  const iat = Math.floor(map.at.getTime() / 1000);
  // Set on the copy in turn, as spreading them after it would (a claim of
  // the same name keeps its place), without an object per optional part.
  const claims: Record<string, unknown> = { ...prediction.token.claims };
  if (audience !== null) claims.aud = audience;
  claims.iat = iat;
  claims.exp = iat + lifetimeSeconds;
  if (!prediction.claims) {
    prediction.audience = audience;
    prediction.claims = claims;
  } else (prediction.otherAudiences ??= new Map()).set(audience, claims);
  return claims;
}

/** The binding made ready to judge, not cached: null when its target, workload or issuer is gone. */
function prepareNow(map: TrustMap, binding: MapBinding): PreparedBinding | null {
  const target = map.targets.get(binding.targetId);
  const workload = map.workloads.get(binding.workloadId);
  const issuer = workload && map.issuers.get(workload.issuerId);
  const onTarget = { ids: map.bindingsByTarget.get(binding.targetId), rows: map.bindings };
  return target && workload && issuer
    ? prepareBinding({ binding, target, workload, issuer, onTarget, at: map.at })
    : null;
}

/** The binding made ready to judge: from the map's cache, or prepared now and cached. */
function prepared(map: TrustMap, binding: MapBinding): PreparedBinding | null {
  const known = map.prepared.get(binding.id);
  if (known !== undefined) return known;
  const ready = prepareNow(map, binding);
  map.prepared.set(binding.id, ready);
  return ready;
}

/**
 * Whether the map keeps a judged binding ready. An exact-subject binding is
 * judged again only for the few workloads holding its subject, and
 * preparing it again costs microseconds, so it is not kept: ready
 * exact-subject bindings held 40% of a 100k map's memory (140 of 330 MB).
 * Patterns and bindings bounded by nothing stay ready, as every change to a
 * workload of their issuer asks them.
 */
function staysReady(ready: PreparedBinding | null): ready is PreparedBinding {
  return ready !== null && (ready.admission.subjects === null || ready.others !== null);
}

// Clouds compare `iss` byte for byte (CLOUDS.md 1.3, 2.1, 3.2), so only the
// workloads of the very issuer a binding trusts can be admitted: a
// look-alike's workload is judged only when the binding was made for it
// (the broken edge a slip leaves). Hence the index key: issuer + subject.
function indexPart(map: TrustMap, workloadIds: Set<string>): PartIndex {
  const index: PartIndex = new Map();
  for (const id of workloadIds) {
    const workload = map.workloads.get(id);
    if (workload) indexWorkload(map, index, workload, true);
  }
  return index;
}

function withPrefix(map: TrustMap, index: IssuerIndex, prefix: string): string[] {
  index.sorted ??= [...index.all]
    .map((id): [string, string] => [map.workloads.get(id)?.subject ?? "", id])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const sorted = index.sorted;
  const found: string[] = [];
  for (let at = sortedPlace(sorted, [prefix, ""]); at < sorted.length; at += 1) {
    const [subject, id] = sorted[at] as [string, string];
    if (!subject.startsWith(prefix)) break;
    found.push(id);
  }
  return found;
}

/** The workloads of one exact issuer URL a binding's bounds there may admit, added to `found`. */
function addCandidates(
  map: TrustMap,
  index: IssuerIndex | undefined,
  bounds: Pick<Admission, "subjects" | "subjectPrefixes">,
  found: Set<string>,
): void {
  if (!index) return;
  const add = (ids: Iterable<string> | undefined) => {
    for (const id of ids ?? []) found.add(id);
  };
  const { subjects, subjectPrefixes } = bounds;
  if (subjects) subjects.forEach((subject) => add(filedAt(index.bySubject, subject)));
  else if (subjectPrefixes)
    subjectPrefixes.forEach((prefix) => add(withPrefix(map, index, prefix)));
  else add(index.all);
}

/** A part's workloads by exact issuer URL, indexed when first asked. */
function issuerIndex(map: TrustMap, issuerUrl: string): IssuerIndex | undefined {
  const part = map.parts.get(lookAlikeKey(issuerUrl));
  if (!part) return undefined;
  part.index ??= indexPart(map, part.workloads);
  return part.index.get(issuerUrl);
}

function candidatesOf(map: TrustMap, part: Part, ready: PreparedBinding): Iterable<string> {
  const own = ready.binding.workloadId;
  if (ready.invalid) return [own];
  part.index ??= indexPart(map, part.workloads);
  const index = part.index.get(ready.binding.issuerUrl);
  const { subjects } = ready.admission;
  const { others } = ready;
  // Most bindings name one subject held by their own workload alone.
  if (subjects?.length === 1 && !others) {
    if (!index || holdsOnly(index.bySubject, subjects[0] as string, own)) return [own];
  }
  const found = new Set<string>([own]);
  addCandidates(map, index, ready.admission, found);
  for (const other of others ?? []) {
    addCandidates(map, issuerIndex(map, other.issuerUrl), other, found);
  }
  return found;
}

/** The audience the workload's token would be requested for, to meet this binding. */
function audienceOfWorkload(map: TrustMap, ready: PreparedBinding, workloadId: string) {
  if (!ready.others) return ready.admission.audience;
  const workload = map.workloads.get(workloadId);
  return audienceFor(ready, workload && map.issuers.get(workload.issuerId)?.issuerUrl);
}

function edgeFor(map: TrustMap, ready: PreparedBinding, workloadId: string): TrustEdge | null {
  const prediction = predicted(map, workloadId);
  if (!prediction) return null;
  const { token } = prediction;
  const claims = claimsFor(map, prediction, audienceOfWorkload(map, ready, workloadId));
  let judgement = judgePrediction(ready.judge, token, claims);
  if (judgement.verdict === "accepted" && ready.judgeWithSiblings) {
    judgement = judgePrediction(ready.judgeWithSiblings, token, claims);
  }
  const { binding } = ready;
  const declared = binding.workloadId === workloadId;
  const kind: TrustEdge["kind"] | null =
    judgement.verdict === "accepted"
      ? "effective"
      : judgement.verdict === "undecided"
        ? "undecided"
        : declared
          ? "broken"
          : null;
  if (kind === null) return null;
  // The judgement is this edge's own: extended in place, property by
  // property, rather than copied or merged from a temporary object (one per
  // token judged, 100k+ in a large map).
  const edge = judgement as TrustEdge;
  edge.kind = kind;
  edge.bindingId = binding.id;
  edge.workloadId = workloadId;
  edge.targetId = binding.targetId;
  edge.cloud = binding.cloud;
  edge.declared = declared;
  if (token.audience === "unconfirmed") edge.audienceUnconfirmed = true;
  if (token.partial) edge.partialToken = true;
  return edge;
}

export function dropBindingEdges(map: TrustMap, part: Part, bindingId: string): void {
  // A build asks this of every binding of a part it has just emptied.
  const edges = part.edges.get(bindingId);
  if (edges) {
    for (const edge of edges) {
      if (!edge.declared) unfileId(map.edgesByWorkload, edge.workloadId, bindingId);
    }
    part.edges.delete(bindingId);
  }
  if (part.open.size > 0) part.open.delete(bindingId);
}

// A binding's edge to the workload it was made for is found through
// bindingsByWorkload, so only its edges to other workloads are filed: a
// fifth of a large map's edges, where all were (100k fewer index entries).
function fileEdge(map: TrustMap, edge: TrustEdge): void {
  if (!edge.declared) fileId(map.edgesByWorkload, edge.workloadId, edge.bindingId);
}

function keepEdge(map: TrustMap, part: Part, edge: TrustEdge): void {
  const list = part.edges.get(edge.bindingId);
  if (list) list.push(edge);
  else part.edges.set(edge.bindingId, [edge]);
  fileEdge(map, edge);
}

function indexBounds(
  index: BindingIndex,
  issuerUrl: string,
  bounds: Pick<Admission, "subjects" | "subjectPrefixes">,
  bindingId: string,
): void {
  const { subjects, subjectPrefixes } = bounds;
  if (subjects) {
    let bySubject = index.exact.get(issuerUrl);
    if (!bySubject) index.exact.set(issuerUrl, (bySubject = new Map()));
    for (const subject of subjects) fileId(bySubject, subject, bindingId);
  } else if (subjectPrefixes) {
    for (const prefix of subjectPrefixes) {
      addTo(index.prefixed, `${issuerUrl}\n${prefix}`, bindingId);
    }
  } else index.other.add(bindingId);
}

/**
 * Indexes a binding in its part by what it admits, and in the part of each
 * other issuer it may accept tokens of, where it is noted as a guest: a
 * workload change there finds it, and a rebuild there judges it again.
 */
function indexBinding(map: TrustMap, part: Part, ready: PreparedBinding): void {
  const { binding, admission } = ready;
  if (ready.invalid) return;
  indexBounds(part.bindingIndex, binding.issuerUrl, admission, binding.id);
  if (!ready.others) return;
  for (const other of ready.others) {
    const guestOf = partOf(map, lookAlikeKey(other.issuerUrl));
    indexBounds(guestOf.bindingIndex, other.issuerUrl, other, binding.id);
    if (guestOf !== part) guestOf.guests.add(binding.id);
  }
}

/** The bindings of a part that may admit this subject: by exact subject, by each of its starts, and the unbounded ones. */
function bindingCandidates(
  part: Part | undefined,
  issuerUrl: string,
  subject: string,
): Set<string> {
  const found = new Set<string>(part?.bindingIndex.other);
  if (!part) return found;
  const add = (ids: Iterable<string> | undefined) => {
    for (const id of ids ?? []) found.add(id);
  };
  const exact = part.bindingIndex.exact.get(issuerUrl);
  if (exact) add(filedAt(exact, subject));
  if (part.bindingIndex.prefixed.size > 0) {
    for (let end = 0; end <= subject.length; end += 1) {
      add(part.bindingIndex.prefixed.get(`${issuerUrl}\n${subject.slice(0, end)}`));
    }
  }
  return found;
}

/** Runs a build's steps to the end, without giving way. */
export function drain(steps: Iterable<void>): void {
  for (const step of steps) void step;
}

/** Replaces one binding's edges in its part (none when the binding is gone). */
export function judgeBinding(map: TrustMap, part: Part, bindingId: string): void {
  drain(judgeBindingSteps(map, part, bindingId));
}

/** judgeBinding, pausing after each token judged: a broad binding may be judged against a whole issuer's workloads. */
export function* judgeBindingSteps(map: TrustMap, part: Part, bindingId: string): Generator<void> {
  dropBindingEdges(map, part, bindingId);
  const binding = map.bindings.get(bindingId);
  const ready = binding && prepared(map, binding);
  if (ready) yield* judgeReadySteps(map, part, ready);
}

/** Judges a ready binding whose edges are already dropped, pausing after each token judged. */
function* judgeReadySteps(map: TrustMap, part: Part, ready: PreparedBinding): Generator<void> {
  indexBinding(map, part, ready);
  // Its edges are gathered and kept once, not looked up in the part per edge.
  let edges: TrustEdge[] | null = null;
  for (const workloadId of candidatesOf(map, part, ready)) {
    const edge = edgeFor(map, ready, workloadId);
    if (edge) {
      if (edges) edges.push(edge);
      else edges = [edge];
      fileEdge(map, edge);
    }
    yield;
  }
  if (edges) part.edges.set(ready.binding.id, edges);
  const { open } = ready.admission;
  const { others } = ready;
  if (open && !ready.invalid) {
    const { id, targetId, cloud, issuerUrl } = ready.binding;
    const edge: OpenEdge = { bindingId: id, targetId, cloud, issuerUrl, admits: open };
    const otherIssuerUrls = others?.filter((other) => other.open).map((other) => other.issuerUrl);
    if (otherIssuerUrls?.length) edge.otherIssuerUrls = otherIssuerUrls;
    part.open.set(id, edge);
  }
}

/** Whether the binding's admission lets a token of this issuer and subject through to the evaluator. */
function mayAdmit(ready: PreparedBinding, issuerUrl: string, subject: string): boolean {
  const { binding, admission } = ready;
  if (ready.invalid) return false;
  const bounds =
    binding.issuerUrl === issuerUrl
      ? admission
      : ready.others?.find((other) => other.issuerUrl === issuerUrl);
  if (!bounds) return false;
  if (bounds.subjects) return bounds.subjects.includes(subject);
  if (bounds.subjectPrefixes) {
    return bounds.subjectPrefixes.some((prefix) => subject.startsWith(prefix));
  }
  return true;
}

/**
 * Replaces one workload's edges from bindings not made for it: drops them,
 * then judges it against the bindings of its part that may admit it (exact
 * subjects by index; patterns by their bounds). Its own bindings' edges are
 * left to the caller, which judges those bindings again; dropping them here
 * lost them when a part rebuilt by the same change had judged them already.
 */
export function judgeWorkload(map: TrustMap, workloadId: string): void {
  for (const bindingId of filedAt(map.edgesByWorkload, workloadId)) {
    const binding = map.bindings.get(bindingId);
    const part = binding && map.parts.get(lookAlikeKey(binding.issuerUrl));
    const kept = part?.edges.get(bindingId)?.filter((edge) => edge.workloadId !== workloadId);
    if (!part || !kept) continue;
    if (kept.length > 0) part.edges.set(bindingId, kept);
    else part.edges.delete(bindingId);
  }
  map.edgesByWorkload.delete(workloadId);
  const workload = map.workloads.get(workloadId);
  const issuerUrl = workload && map.issuers.get(workload.issuerId)?.issuerUrl;
  if (!workload || issuerUrl === undefined) return;
  const own = new Set(filedAt(map.bindingsByWorkload, workloadId));
  for (const ready of bindingsAdmitting(map, issuerUrl, workload.subject, own)) {
    const edge = edgeFor(map, ready, workloadId);
    const home = map.parts.get(lookAlikeKey(ready.binding.issuerUrl));
    if (edge && home) keepEdge(map, home, edge);
  }
}

/**
 * The bindings that may admit a token of this issuer and subject, made
 * ready: the exact subjects by index, patterns by their starts, and those
 * bounded by nothing, each re-checked against its admission (index entries
 * may be stale). Any other binding refuses the token on its subject.
 */
export function* bindingsAdmitting(
  map: TrustMap,
  issuerUrl: string,
  subject: string,
  except?: ReadonlySet<string>,
): Generator<PreparedBinding> {
  const part = map.parts.get(lookAlikeKey(issuerUrl));
  for (const bindingId of bindingCandidates(part, issuerUrl, subject)) {
    const binding = except?.has(bindingId) ? undefined : map.bindings.get(bindingId);
    const ready = binding && prepared(map, binding);
    if (ready && mayAdmit(ready, issuerUrl, subject)) yield ready;
  }
}

/**
 * bindingsAdmitting for the subject under every issuer URL of the token's
 * look-alike group, each binding once. A binding trusting one URL can
 * still accept a look-alike's token: an AWS statement may name several of
 * the account's providers, and STS picks one by the token's iss.
 */
export function* lookAlikeBindingsAdmitting(
  map: TrustMap,
  issuerUrl: string,
  subject: string,
): Generator<PreparedBinding> {
  const part = map.parts.get(lookAlikeKey(issuerUrl));
  // The URLs the part's bindings trust, from its binding index: exact
  // subjects are kept by URL, and the few patterns and unbounded bindings
  // name theirs. A binding the index lacks cannot be judged anyway.
  const urls = new Set<string>([issuerUrl]);
  const key = lookAlikeKey(issuerUrl);
  // A guest's own URL is another group's: its entries here are under this group's URLs.
  const addUrlOf = (id: string) => {
    const url = map.bindings.get(id)?.issuerUrl;
    if (url !== undefined && lookAlikeKey(url) === key) urls.add(url);
  };
  if (part) {
    for (const url of part.bindingIndex.exact.keys()) urls.add(url);
    for (const ids of part.bindingIndex.prefixed.values()) ids.forEach(addUrlOf);
    part.bindingIndex.other.forEach(addUrlOf);
  }
  const seen = new Set<string>();
  for (const url of urls) {
    for (const ready of bindingsAdmitting(map, url, subject, seen)) {
      seen.add(ready.binding.id);
      yield ready;
    }
  }
}

/** Recomputes the edges of one part from the map's current rows. */
export function rebuildPart(map: TrustMap, key: string): void {
  drain(rebuildPartSteps(map, key));
}

/** rebuildPart, pausing after each token judged. */
export function* rebuildPartSteps(map: TrustMap, key: string): Generator<void> {
  const part = map.parts.get(key);
  if (!part) return;
  for (const bindingId of [...part.edges.keys()]) dropBindingEdges(map, part, bindingId);
  // Kept while bindings of other parts may accept its issuers' tokens: a
  // workload added later must find them in its index.
  if (part.workloads.size === 0 && part.bindings.size === 0 && part.guests.size === 0) {
    map.parts.delete(key);
    return;
  }
  part.index = null;
  part.bindingIndex = emptyBindingIndex();
  const guests = [...part.guests];
  part.guests.clear();
  // A run of bindings made ready before any of them is judged: one kind of
  // work at a time rather than interleaved built 100k bindings about a tenth
  // faster (alternating both orders in one process). Runs rather than the
  // whole part, so what is made ready and not kept dies young. The part's
  // edges are all dropped, so a run is judged straight from its array.
  const ids = [...part.bindings];
  const run: PreparedBinding[] = [];
  for (let start = 0; start < ids.length; start += readyRun) {
    run.length = 0;
    for (let at = start; at < Math.min(start + readyRun, ids.length); at += 1) {
      const id = ids[at] as string;
      const binding = map.bindings.get(id);
      const known = map.prepared.get(id);
      const ready = known !== undefined ? known : binding ? prepareNow(map, binding) : null;
      if (staysReady(ready)) map.prepared.set(id, ready);
      else if (known !== undefined) map.prepared.delete(id);
      // Every ready binding judges the workload it was made for.
      if (ready) {
        predicted(map, ready.binding.workloadId);
        run.push(ready);
      }
      yield;
    }
    for (const ready of run) yield* judgeReadySteps(map, part, ready);
  }
  // The guests judged again in their own parts, against this part's
  // workloads as they now are; judging one indexes it here anew.
  for (const id of guests) {
    const binding = map.bindings.get(id);
    const home = binding && map.parts.get(lookAlikeKey(binding.issuerUrl));
    if (home && home !== part) yield* judgeBindingSteps(map, home, id);
  }
}

/** How many bindings are made ready at a time; what one run makes ready fits the young heap. */
const readyRun = 1024;
