import "server-only";
import { toIssuerDto } from "@/lib/catalog/issuers/issuer-dto";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/common";
import type { TIssuer } from "@/lib/schemas/issuer";

export async function getIssuer({
  id,
  db = getDb(),
}: {
  id: string;
  db?: DbOrTx;
}): Promise<TIssuer> {
  const row = await db.issuer.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", { message: "No issuer with this id." });
  return toIssuerDto(row);
}

/** For pages: null for an unknown or malformed id, so the page can 404. */
export async function findIssuer(id: string): Promise<TIssuer | null> {
  if (!isUuid(id)) return null;
  const row = await getDb().issuer.findUnique({ where: { id } });
  return row ? toIssuerDto(row) : null;
}
