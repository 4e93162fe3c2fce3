import { isRecord } from "@/lib/json/is-record";
import type { ClaimPath } from "@/lib/trust-map/predicted-token";

// Which claims an evaluation looked at. The evaluators take a plain claims
// object and do not report what they read, so the object is handed to them
// behind a Proxy that notes every property read, presence test and key
// listing, nested objects included (kubernetes.io). Pure and local: the
// evaluators stay unchanged. A listing (Object.entries, as GCP's CEL input
// does) reads everything, so it is noted apart.
//
// Every evaluation of the trust map runs behind this Proxy and reads the
// same few top-level claims many times, so those are kept as a short list
// of distinct names (no array per read; a list, emptied and reused, rather
// than a Set made and grown per token judged); reads inside a claim are
// rare and kept as paths.

export type ClaimReads = {
  /** Top-level claims read, each once, in the order first read. */
  names: string[];
  /** Reads inside a top-level claim, as paths of two or more names. */
  nested: ClaimPath[];
  listed: boolean;
};

export function newClaimReads(): ClaimReads {
  return { names: [], nested: [], listed: false };
}

/** Empties `reads` for another evaluation. */
export function clearClaimReads(reads: ClaimReads): void {
  reads.names.length = 0;
  reads.nested.length = 0;
  reads.listed = false;
}

// One handler object per claims object and evaluation, its traps shared on
// the prototype: an evaluation allocates no closures for them.
class Tracker implements ProxyHandler<Record<string, unknown>> {
  // One Proxy per claim holding an object, however often the evaluation
  // reads it (claims are never changed while judged).
  private inner: Map<string, Record<string, unknown>> | undefined;

  constructor(
    private readonly reads: ClaimReads,
    private readonly prefix: ClaimPath,
  ) {}

  private note(property: string | symbol): void {
    if (typeof property !== "string") return;
    if (this.prefix.length > 0) this.reads.nested.push([...this.prefix, property]);
    else if (!this.reads.names.includes(property)) this.reads.names.push(property);
  }

  get(target: Record<string, unknown>, property: string | symbol, receiver: unknown): unknown {
    this.note(property);
    const value: unknown = Reflect.get(target, property, receiver);
    if (typeof property !== "string" || !isRecord(value)) return value;
    this.inner ??= new Map();
    let proxy = this.inner.get(property);
    if (!proxy) {
      proxy = new Proxy(value, new Tracker(this.reads, [...this.prefix, property]));
      this.inner.set(property, proxy);
    }
    return proxy;
  }

  has(target: Record<string, unknown>, property: string | symbol): boolean {
    this.note(property);
    return Reflect.has(target, property);
  }

  getOwnPropertyDescriptor(
    target: Record<string, unknown>,
    property: string | symbol,
  ): PropertyDescriptor | undefined {
    this.note(property);
    return Reflect.getOwnPropertyDescriptor(target, property);
  }

  ownKeys(target: Record<string, unknown>): ArrayLike<string | symbol> {
    this.reads.listed = true;
    return Reflect.ownKeys(target);
  }
}

export function trackClaims(
  claims: Record<string, unknown>,
  reads: ClaimReads,
): Record<string, unknown> {
  return new Proxy(claims, new Tracker(reads, []));
}

const startsWith = (path: ClaimPath, prefix: ClaimPath) =>
  prefix.length <= path.length && prefix.every((part, index) => path[index] === part);

/** Whether the claim at `path`, or anything inside it, was read. */
function wasRead(reads: ClaimReads, path: ClaimPath): boolean {
  const [head] = path;
  if (head === undefined) return reads.names.length > 0;
  if (path.length === 1 && reads.names.includes(head)) return true;
  return reads.nested.some((read) => startsWith(read, path));
}

// The names of a list's one-name paths, or null when it holds the empty
// path (read by any read). Unknown-claim lists are shared per issuer format
// (predicted-claims), so this is worked out once per list.
const oneNameHeads = new WeakMap<readonly ClaimPath[], ReadonlySet<string> | null>();

function headsOf(unknown: readonly ClaimPath[]): ReadonlySet<string> | null {
  let heads = oneNameHeads.get(unknown);
  if (heads === undefined) {
    heads = unknown.some((path) => path.length === 0)
      ? null
      : new Set(unknown.flatMap((path) => (path.length === 1 ? [path[0] as string] : [])));
    oneNameHeads.set(unknown, heads);
  }
  return heads;
}

/** The unknown claims among those read: a read of the claim or of anything inside it. */
export function unknownRead(reads: ClaimReads, unknown: readonly ClaimPath[]): ClaimPath[] {
  if (unknown.length === 0) return [];
  // Nearly every evaluation reads a few top-level claims, none unknown.
  // With no read inside a claim, only a one-name path can have been read.
  if (reads.nested.length === 0) {
    const heads = headsOf(unknown);
    if (heads && !readsAny(reads.names, heads)) return [];
  }
  return unknown.filter((path) => wasRead(reads, path));
}

function readsAny(names: readonly string[], heads: ReadonlySet<string>): boolean {
  for (const name of names) if (heads.has(name)) return true;
  return false;
}

// RFC 7519 §4.1's registered claims: a fresh token's times and id are no
// unknown that could turn a verdict (nbf, when present, is not later than iat).
const registered = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

/** Top-level claims read that the token does not carry (for a partial token, any may exist). */
export function absentRead(reads: ClaimReads, claims: Record<string, unknown>): ClaimPath[] {
  return reads.names
    .filter((name) => name !== "" && !registered.has(name) && !(name in claims))
    .map((name) => [name]);
}

/** A copy of `claims` with a value at `path` that no rule can expect. */
export function withPlaceholder(
  claims: Record<string, unknown>,
  path: ClaimPath,
  value: string,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return claims;
  const inner = claims[head];
  return {
    ...claims,
    [head]: rest.length === 0 ? value : withPlaceholder(isRecord(inner) ? inner : {}, rest, value),
  };
}
