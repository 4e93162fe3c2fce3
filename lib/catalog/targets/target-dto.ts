import { targetKindInfo } from "@/lib/clouds/registry";
import type { Cloud, TargetKind } from "@/lib/clouds/types";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { TTarget } from "@/lib/schemas/target";

export const targetInclude = {
  _count: { select: { bindings: true } },
  connection: { select: { id: true, name: true, sandbox: true } },
} as const;

export type TargetRow = {
  id: string;
  name: string;
  cloud: Cloud;
  kind: string;
  config: unknown;
  externalId: string;
  scope: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  _count: { bindings: number };
  connection: { id: string; name: string; sandbox: boolean } | null;
};

export function toTargetDto(row: TargetRow): TTarget {
  const kind = fromDbEnum<TargetKind>(row.kind);
  return {
    id: row.id,
    name: row.name,
    cloud: row.cloud,
    kind,
    config: row.config as Record<string, unknown>,
    externalId: row.externalId,
    scope: row.scope,
    bindingCount: row._count.bindings,
    connection: row.connection,
    warnings: targetKindInfo(kind).findings(row.config).warnings,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
