import { issuerKindFromDb, type IssuerRow } from "@/lib/catalog/issuers/issuer-dto";
import type { TWorkload } from "@/lib/schemas/workload";

export const workloadInclude = {
  issuer: { select: { id: true, name: true, issuerUrl: true, kind: true } },
  _count: { select: { bindings: true } },
} as const;

export type WorkloadRow = {
  id: string;
  name: string;
  team: string;
  description: string;
  subjectSpec: unknown;
  subject: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  issuer: Pick<IssuerRow, "id" | "name" | "issuerUrl" | "kind">;
  _count: { bindings: number };
};

export function toWorkloadDto(row: WorkloadRow): TWorkload {
  return {
    id: row.id,
    name: row.name,
    issuer: { ...row.issuer, kind: issuerKindFromDb(row.issuer.kind) },
    team: row.team,
    description: row.description,
    subjectSpec: row.subjectSpec as Record<string, unknown>,
    subject: row.subject,
    bindingCount: row._count.bindings,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
