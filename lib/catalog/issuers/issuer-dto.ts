import { issuerUrlWarnings } from "@/lib/catalog/issuer-url-warnings";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { fromDbEnum, toDbEnum } from "@/lib/db/enum-names";
import type { $Enums, Prisma } from "@/lib/db/generated/client";
import type { TIssuer } from "@/lib/schemas/issuer";
import type { Jwk } from "@/lib/tokens/key-match";
import { assessKeySet } from "@/lib/tokens/key-strength";
import { pastedKeys } from "@/lib/tokens/pasted-keys";

type DbIssuerKind = $Enums.IssuerKind;

export function issuerKindToDb(kind: IssuerKind): DbIssuerKind {
  return toDbEnum<DbIssuerKind>(kind);
}

export function issuerKindFromDb(kind: DbIssuerKind): IssuerKind {
  return fromDbEnum<IssuerKind>(kind);
}

export type IssuerRow = {
  id: string;
  name: string;
  issuerUrl: string;
  kind: DbIssuerKind;
  jwksUri: string | null;
  jwks: unknown;
  notes: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** A screened key set as Prisma stores JSON (keys are plain JSON objects by then). */
export function storedJwks(
  jwks: { keys: Jwk[] } | null | undefined,
): Prisma.InputJsonObject | undefined {
  return jwks ? (jwks as Prisma.InputJsonObject) : undefined;
}

export function toIssuerDto(row: IssuerRow): TIssuer {
  const kind = issuerKindFromDb(row.kind);
  const jwks = pastedKeys(row.jwks);
  return {
    id: row.id,
    name: row.name,
    issuerUrl: row.issuerUrl,
    kind,
    jwksUri: row.jwksUri,
    jwks,
    notes: row.notes,
    version: row.version,
    warnings: issuerUrlWarnings(row.issuerUrl, kind),
    keyWarnings: jwks ? assessKeySet(jwks.keys).warnings : [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
