import "server-only";
import type { KeySummary, TIssuerKeyHealth } from "@/lib/catalog/issuers/issuer-key-health";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { assessKey } from "@/lib/tokens/key-strength";

// The issuer's signing-key health as the key cache last recorded it (issue 4
// item 2): when Fedlens last asked, what came back, and which keys it holds.
// The cache row is written by lib/tokens/key-source.ts; this only reads it.

const text = (value: unknown) => (typeof value === "string" ? value : null);

function summarise(keys: unknown): KeySummary[] {
  if (!Array.isArray(keys)) return [];
  return keys.map((key: unknown) => {
    const jwk = typeof key === "object" && key !== null ? (key as Record<string, unknown>) : {};
    // Computed from the stored public key on each read: the assessment can
    // improve without a migration, and a fetched set is never refused for one weak key.
    const assessment = assessKey(jwk);
    return {
      kid: text(jwk.kid),
      kty: text(jwk.kty),
      alg: text(jwk.alg),
      problem: assessment.usable ? null : assessment.problem,
      warnings: assessment.usable ? assessment.warnings : [],
    };
  });
}

/** Null when Fedlens has never fetched this issuer's keys. */
export async function getIssuerKeyHealth({
  issuerId,
  db = getDb(),
}: {
  issuerId: string;
  db?: DbOrTx;
}): Promise<TIssuerKeyHealth | null> {
  const row = await db.issuerKeySet.findUnique({
    where: { issuerId },
    select: {
      checkedAt: true,
      fetchedAt: true,
      ok: true,
      httpStatus: true,
      latencyMs: true,
      jwksUri: true,
      lastError: true,
      keys: true,
    },
  });
  if (!row) return null;
  const keys = summarise(row.keys);
  return {
    checkedAt: row.checkedAt.toISOString(),
    fetchedAt: row.fetchedAt?.toISOString() ?? null,
    ok: row.ok,
    httpStatus: row.httpStatus,
    latencyMs: row.latencyMs,
    jwksUri: row.jwksUri,
    lastError: row.lastError,
    keyCount: keys.length,
    keys,
  };
}
