import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { escapeLike } from "@/lib/db/like-pattern";
import { issuerOrigin } from "@/lib/diagnose/issuer-origin";
import { toStorableText } from "@/lib/http/find-unstorable-text";
import { latinSkeleton } from "@/lib/tokens/confusables";

// The token's issuer as the catalogue knows it: the exact `iss` (clouds
// compare byte for byte), and near misses that differ by case, a trailing
// slash, look-alike letters (SECURITY.md J18) or only share the host, which
// are the usual reasons an exchange fails.

export type CatalogIssuer = {
  id: string;
  name: string;
  issuerUrl: string;
  jwksUri: string | null;
  /** Pasted keys, if the operator gave them instead of a place to fetch them. */
  jwks: unknown;
};

export type IssuerCandidates = { exact: CatalogIssuer | null; nearMisses: CatalogIssuer[] };

/**
 * Ids of the rows of `table` whose issuer URL is `iss` or a look-alike on the
 * same scheme and host (any case, a trailing slash, another path or port, or
 * the Latin letters a Cyrillic or Greek look-alike imitates), by name. Not a
 * bare prefix: https://host.evil.test is not https://host. The
 * lower(issuer_url) text_pattern_ops indexes keep this constant as the
 * catalogue grows (see the issuer_url_lookup migration).
 */
export async function lookAlikeIds(
  db: DbOrTx,
  table: "issuer" | "binding",
  { iss, origin, limit }: { iss: string; origin: string | null; limit: number },
): Promise<string[]> {
  const column = Prisma.raw("issuer_url");
  const skeleton = latinSkeleton(iss);
  const conditions = [lookAlikeCondition(column, iss, origin)];
  if (skeleton !== iss) {
    conditions.push(lookAlikeCondition(column, skeleton, issuerOrigin(skeleton)));
  }
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM ${Prisma.raw(`"${table}"`)}
    WHERE ${Prisma.join(conditions, " OR ")}
    ORDER BY name, id
    LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

/** The look-alike test on `column` as SQL, shaped for the lower(issuer_url) indexes. */
function lookAlikeCondition(column: Prisma.Sql, iss: string, origin: string | null): Prisma.Sql {
  // A NUL or lone surrogate cannot reach Postgres; no catalogued URL holds
  // one (the API refuses them), so the escaped form still matches nothing.
  const exact = toStorableText(iss);
  // `origin` comes from URL(), which lower-cases scheme and host and
  // punycodes the host.
  if (!origin) return Prisma.sql`${column} = ${exact}`;
  return Prisma.sql`(${column} = ${exact}
    OR lower(${column}) = ${origin}
    OR lower(${column}) LIKE ${`${escapeLike(`${origin}/`)}%`}
    OR lower(${column}) LIKE ${`${escapeLike(`${origin}:`)}%`})`;
}

// Pure, so the trust map groups look-alike issuers with the same rule.
export { issuerOrigin };

export async function findIssuerCandidates(db: DbOrTx, iss: string): Promise<IssuerCandidates> {
  const ids = await lookAlikeIds(db, "issuer", { iss, origin: issuerOrigin(iss), limit: 50 });
  const rows = ids.length
    ? await db.issuer.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, issuerUrl: true, jwksUri: true, jwks: true },
        orderBy: { name: "asc" },
      })
    : [];
  return {
    exact: rows.find((row) => row.issuerUrl === iss) ?? null,
    nearMisses: rows.filter((row) => row.issuerUrl !== iss),
  };
}
