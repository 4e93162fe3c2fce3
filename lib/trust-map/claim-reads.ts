import { isRecord } from "@/lib/json/is-record";
import type { ClaimPath } from "@/lib/trust-map/predicted-token";

// Which claims an evaluation looked at. The evaluators take a plain claims
// object and do not report what they read, so the object is handed to them
// behind a Proxy that notes every property read, presence test and key
// listing, nested objects included (kubernetes.io). Pure and local: the
// evaluators stay unchanged. A listing (Object.entries, as GCP's CEL input
// does) reads everything, so it is noted apart.

export type ClaimReads = { paths: ClaimPath[]; listed: boolean };

export function newClaimReads(): ClaimReads {
  return { paths: [], listed: false };
}

export function trackClaims(
  claims: Record<string, unknown>,
  reads: ClaimReads,
  prefix: ClaimPath = [],
): Record<string, unknown> {
  const note = (property: string | symbol) => {
    if (typeof property === "string") reads.paths.push([...prefix, property]);
  };
  return new Proxy(claims, {
    get(target, property, receiver) {
      note(property);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof property === "string" && isRecord(value)
        ? trackClaims(value, reads, [...prefix, property])
        : value;
    },
    has(target, property) {
      note(property);
      return Reflect.has(target, property);
    },
    getOwnPropertyDescriptor(target, property) {
      note(property);
      return Reflect.getOwnPropertyDescriptor(target, property);
    },
    ownKeys(target) {
      reads.listed = true;
      return Reflect.ownKeys(target);
    },
  });
}

const startsWith = (path: ClaimPath, prefix: ClaimPath) =>
  prefix.length <= path.length && prefix.every((part, index) => path[index] === part);

/** The unknown claims among those read: a read of the claim or of anything inside it. */
export function unknownRead(reads: ClaimReads, unknown: ClaimPath[]): ClaimPath[] {
  return unknown.filter((path) => reads.paths.some((read) => startsWith(read, path)));
}

// RFC 7519 §4.1's registered claims: a fresh token's times and id are no
// unknown that could turn a verdict (nbf, when present, is not later than iat).
const registered = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

/** Top-level claims read that the token does not carry (for a partial token, any may exist). */
export function absentRead(reads: ClaimReads, claims: Record<string, unknown>): ClaimPath[] {
  const names = new Set(reads.paths.map((path) => path[0] ?? ""));
  return [...names]
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
