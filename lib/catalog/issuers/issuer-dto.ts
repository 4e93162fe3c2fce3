import { issuerUrlWarnings } from "@/lib/catalog/issuer-url-warnings";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { fromDbEnum, toDbEnum } from "@/lib/db/enum-names";
import type { $Enums } from "@/lib/db/generated/client";
import type { TIssuer } from "@/lib/schemas/issuer";

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
  notes: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toIssuerDto(row: IssuerRow): TIssuer {
  const kind = issuerKindFromDb(row.kind);
  return {
    id: row.id,
    name: row.name,
    issuerUrl: row.issuerUrl,
    kind,
    jwksUri: row.jwksUri,
    notes: row.notes,
    version: row.version,
    warnings: issuerUrlWarnings(row.issuerUrl, kind),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
