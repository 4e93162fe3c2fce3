import type { Finding } from "@/lib/catalog/findings";
import type { Cloud, TargetKind } from "@/lib/clouds/types";
import { fromDbEnum } from "@/lib/db/enum-names";
import type { TBinding } from "@/lib/schemas/binding";

export const bindingInclude = {
  workload: { select: { id: true, name: true, subject: true } },
  target: { select: { id: true, name: true, kind: true } },
} as const;

export type BindingRow = {
  id: string;
  cloud: Cloud;
  name: string;
  spec: unknown;
  issuerUrl: string;
  subject: string;
  syncState: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  workload: { id: string; name: string; subject: string };
  target: { id: string; name: string; kind: string };
};

export function toBindingDto(
  row: BindingRow,
  extra: { cloudObject?: unknown; warnings?: Finding[] } = {},
): TBinding {
  return {
    id: row.id,
    cloud: row.cloud,
    name: row.name,
    workload: row.workload,
    target: { ...row.target, kind: fromDbEnum<TargetKind>(row.target.kind) },
    issuerUrl: row.issuerUrl,
    subject: row.subject,
    syncState: fromDbEnum<TBinding["syncState"]>(row.syncState),
    spec: row.spec as Record<string, unknown>,
    ...extra,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
