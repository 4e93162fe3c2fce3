import "server-only";
// Where verification keys come from (SECURITY.md 1.1 step 5, 2; issue 4
// item 2): the catalogued issuer's JWKS override, else its OIDC discovery
// document's jwks_uri, fetched through the SSRF-safe fetch and cached per
// issuer in issuer_key_set. Never from the token. The cache bounds what a
// token can make Fedlens fetch: random kids (J6) trigger at most one refetch
// per issuer per minute, claimed atomically in the database so concurrent
// requests and instances agree. A failed refetch keeps the last good keys and
// is recorded as the issuer's health.
import { getDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { safeFetchJson } from "@/lib/http/safe-fetch";
import { fetchIssuerKeySet, type FetchJson, type KeySetFetch } from "@/lib/tokens/fetch-key-set";
import type { Jwk } from "@/lib/tokens/key-match";
import { pastedKeys } from "@/lib/tokens/pasted-keys";

export type KeySourceIssuer = {
  id: string;
  issuerUrl: string;
  jwksUri: string | null;
  /** Keys an operator pasted into the catalogue: used as they are, never fetched. */
  jwks?: unknown;
};

/** Keys younger than this are used without asking the issuer (jose's cacheMaxAge is the same). */
export const keySetTtlMs = 10 * 60_000;
/** At most one fetch per issuer per this interval, whatever the kids asked for. */
export const keySetRefetchIntervalMs = 60_000;

export type IssuerKeyHealth = {
  ok: boolean;
  checkedAt: Date;
  fetchedAt: Date | null;
  jwksUri: string | null;
  httpStatus: number | null;
  latencyMs: number | null;
  /** The last failure, or a note on a success (e.g. a discovery issuer mismatch). */
  lastError: string | null;
  keyCount: number;
};

export type IssuerKeys =
  | {
      ok: true;
      jwks: { keys: Jwk[] };
      jwksUri: string | null;
      fetchedAt: Date;
      /** Older than the TTL: a refetch failed or is throttled, so these are the last good keys. */
      stale: boolean;
      /** This call fetched from the issuer. */
      refetched: boolean;
      health: IssuerKeyHealth;
    }
  | { ok: false; reason: "keys_unavailable"; message: string; health: IssuerKeyHealth | null };

export type KeySourceOptions = {
  db?: Db;
  now?: () => Date;
  /** The SSRF-safe fetch unless a test stands in for it. */
  fetchJson?: FetchJson;
};

type Row = NonNullable<Awaited<ReturnType<Db["issuerKeySet"]["findUnique"]>>>;

function storedKeys(row: Row | null): Jwk[] | null {
  if (!row?.fetchedAt || !Array.isArray(row.keys)) return null;
  return (row.keys as unknown[]).filter(
    (key): key is Jwk => typeof key === "object" && key !== null && !Array.isArray(key),
  );
}

function healthOf(row: Row): IssuerKeyHealth {
  return {
    ok: row.ok,
    checkedAt: row.checkedAt,
    fetchedAt: row.fetchedAt,
    jwksUri: row.jwksUri,
    httpStatus: row.httpStatus,
    latencyMs: row.latencyMs,
    lastError: row.lastError,
    keyCount: storedKeys(row)?.length ?? 0,
  };
}

/** Fetches, turning an unexpected throw into a recorded failure so no claim is left dangling. */
async function fetchKeySet(
  issuer: KeySourceIssuer,
  options: KeySourceOptions,
): Promise<KeySetFetch> {
  try {
    return await fetchIssuerKeySet(issuer, options.fetchJson ?? safeFetchJson);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      jwksUri: issuer.jwksUri,
      httpStatus: null,
      latencyMs: 0,
      error: `could not fetch: ${message}`,
    };
  }
}

/**
 * Stores one fetch's outcome. A failure keeps the last good keys, unless
 * there are none to keep or the operator changed the JWKS override (keys
 * from the old source are then dropped, so they are never taken for the new
 * source's): the URL that failed is recorded in their place.
 */
async function record(
  db: Db,
  issuerId: string,
  result: KeySetFetch,
  at: Date,
  keepKeys = true,
): Promise<Row> {
  const outcome = {
    checkedAt: at,
    ok: result.ok,
    httpStatus: result.httpStatus,
    latencyMs: result.latencyMs,
    lastError: (result.ok ? result.note : result.error)?.slice(0, 1000) ?? null,
  };
  const keys = result.ok
    ? { jwksUri: result.jwksUri, keys: result.keys as Prisma.InputJsonArray, fetchedAt: at }
    : { jwksUri: result.jwksUri, keys: Prisma.DbNull, fetchedAt: null };
  return db.issuerKeySet.upsert({
    where: { issuerId },
    create: { issuerId, ...outcome, ...keys },
    update: { ...outcome, ...(result.ok || !keepKeys ? keys : {}) },
  });
}

/**
 * Takes the right to fetch for this issuer: at most one caller per interval
 * wins, decided by the row's checked_at in one statement.
 */
async function claimFetch(db: Db, issuerId: string, row: Row | null, at: Date, force: boolean) {
  if (!row) {
    const created = await db.issuerKeySet.createMany({
      data: [{ issuerId, checkedAt: at, ok: false, lastError: "first check in progress" }],
      skipDuplicates: true,
    });
    return created.count === 1;
  }
  const cutoff = force ? at : new Date(at.getTime() - keySetRefetchIntervalMs);
  const claimed = await db.issuerKeySet.updateMany({
    where: { issuerId, checkedAt: { lte: cutoff } },
    data: { checkedAt: at },
  });
  return claimed.count === 1;
}

/**
 * Pasted keys (SECURITY.md 2.3 "No-fetch option"): screened when saved, so
 * they are used as they are; no cache row, no fetch, nothing to go stale.
 */
function pastedIssuerKeys(keys: Jwk[], at: Date): IssuerKeys {
  return {
    ok: true,
    jwks: { keys },
    jwksUri: null,
    fetchedAt: at,
    stale: false,
    refetched: false,
    health: {
      ok: true,
      checkedAt: at,
      fetchedAt: null,
      jwksUri: null,
      httpStatus: null,
      latencyMs: null,
      lastError: null,
      keyCount: keys.length,
    },
  };
}

/** Fetches now, for an operator's "check now"; returns the recorded health. */
export async function refreshIssuerKeys(
  issuer: KeySourceIssuer,
  options: KeySourceOptions = {},
): Promise<IssuerKeyHealth> {
  const db = options.db ?? getDb();
  const at = options.now?.() ?? new Date();
  const result = await fetchKeySet(issuer, options);
  return healthOf(await record(db, issuer.id, result, at));
}

/**
 * The issuer's keys for verifying a token with `kid`: cached ones while they
 * are fresh and know the kid; otherwise one fetch, throttled per issuer.
 */
export async function keysForIssuer(
  issuer: KeySourceIssuer,
  { kid, ...options }: KeySourceOptions & { kid?: unknown } = {},
): Promise<IssuerKeys> {
  const db = options.db ?? getDb();
  const at = options.now?.() ?? new Date();
  const pasted = pastedKeys(issuer.jwks);
  if (pasted) return pastedIssuerKeys(pasted.keys, at);
  let row = await db.issuerKeySet.findUnique({ where: { issuerId: issuer.id } });
  // An edited JWKS override makes the cached keys another source's, and is
  // fetched at once. Only keys count: after a failure there are none, and
  // the throttle must hold (issue 10 item 8).
  const overrideChanged =
    !!row?.fetchedAt && issuer.jwksUri !== null && row.jwksUri !== issuer.jwksUri;
  const cached = overrideChanged ? null : storedKeys(row);
  const fresh = !!row?.fetchedAt && at.getTime() - row.fetchedAt.getTime() < keySetTtlMs;
  const knowsKid = typeof kid !== "string" || !!cached?.some((key) => key.kid === kid);

  let refetched = false;
  if (
    (!cached || !fresh || !knowsKid) &&
    (await claimFetch(db, issuer.id, row, at, overrideChanged))
  ) {
    const result = await fetchKeySet(issuer, options);
    row = await record(db, issuer.id, result, at, !overrideChanged && !!cached);
    refetched = true;
  } else if (!cached) {
    row = await db.issuerKeySet.findUnique({ where: { issuerId: issuer.id } });
  }
  const keys =
    row && !(issuer.jwksUri !== null && row.jwksUri !== issuer.jwksUri) ? storedKeys(row) : null;
  const health = row ? healthOf(row) : null;
  if (!row?.fetchedAt || !keys || !health) {
    return {
      ok: false,
      reason: "keys_unavailable",
      message: `The issuer's keys are not available: ${row?.lastError ?? "they have not been fetched yet"}.`,
      health,
    };
  }
  return {
    ok: true,
    jwks: { keys },
    jwksUri: row.jwksUri,
    fetchedAt: row.fetchedAt,
    stale: at.getTime() - row.fetchedAt.getTime() >= keySetTtlMs,
    refetched,
    health,
  };
}
