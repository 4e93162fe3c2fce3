import "server-only";
import { findIssuerCandidates, type CatalogIssuer } from "@/lib/diagnose/issuer-candidates";
import { getDb, type DbOrTx } from "@/lib/db/client";

/** The catalogued issuer whose URL is exactly `iss` (clouds compare byte for byte), if any. */
export async function findCatalogIssuer(
  iss: string,
  db: DbOrTx = getDb(),
): Promise<CatalogIssuer | null> {
  return (await findIssuerCandidates(db, iss)).exact;
}
