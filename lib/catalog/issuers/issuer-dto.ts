import { issuerUrlWarnings } from "@/lib/catalog/issuer-url-warnings";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import type { $Enums } from "@/lib/db/generated/client";
import type { TIssuer } from "@/lib/schemas/issuer";

// Postgres holds the kinds with hyphens ("github-actions"); Prisma names the
// enum members with underscores. The API and UI speak the hyphenated form.
type DbIssuerKind = $Enums.IssuerKind;

export function issuerKindToDb(kind: IssuerKind): DbIssuerKind {
  return kind.replaceAll("-", "_") as DbIssuerKind;
}

export function issuerKindFromDb(kind: DbIssuerKind): IssuerKind {
  return kind.replaceAll("_", "-") as IssuerKind;
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
