import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like-pattern";

// The token's issuer as the catalogue knows it: the exact `iss` (clouds
// compare byte for byte), and near misses that differ by case, a trailing
// slash or only share the host, which are the usual reasons an exchange fails.

export type CatalogIssuer = { id: string; name: string; issuerUrl: string; jwksUri: string | null };

export type IssuerCandidates = { exact: CatalogIssuer | null; nearMisses: CatalogIssuer[] };

/**
 * A where-clause for URLs on the same scheme and host as `origin` (its
 * look-alikes): the origin itself, anything under it, and other ports of it.
 * Not a bare prefix: https://host.evil.test must not pass for https://host.
 */
export function sameOriginUrls(origin: string) {
  const insensitive = "insensitive" as const;
  return [
    { equals: origin, mode: insensitive },
    { startsWith: escapeLike(`${origin}/`), mode: insensitive },
    ...(/:\d+$/.test(origin) ? [] : [{ startsWith: escapeLike(`${origin}:`), mode: insensitive }]),
  ];
}

/** The scheme and host of a URL-looking `iss`, to find its near misses; null when it is not a URL. */
export function issuerOrigin(iss: string): string | null {
  try {
    const url = new URL(iss.trim());
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

export async function findIssuerCandidates(db: DbOrTx, iss: string): Promise<IssuerCandidates> {
  const select = { id: true, name: true, issuerUrl: true, jwksUri: true } as const;
  const origin = issuerOrigin(iss);
  const rows = await db.issuer.findMany({
    where: {
      OR: [
        { issuerUrl: iss },
        ...(origin ? sameOriginUrls(origin).map((issuerUrl) => ({ issuerUrl })) : []),
      ],
    },
    select,
    take: 50,
  });
  return {
    exact: rows.find((row) => row.issuerUrl === iss) ?? null,
    nearMisses: rows.filter((row) => row.issuerUrl !== iss),
  };
}
