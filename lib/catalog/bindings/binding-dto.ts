import type { Finding } from "@/lib/catalog/findings";
import { withoutCitations } from "@/lib/federation/sources";
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

/**
 * The binding for the API and pages. `evaluateBinding` is the binding in the
 * evaluate shape (the cloud catalogue's evaluatorBinding), so what a user
 * copies from it is what POST /api/v1/evaluate accepts as is.
 */
export function toBindingDto(
  row: BindingRow,
  extra: { cloudObject?: unknown; evaluateBinding?: unknown; warnings?: Finding[] } = {},
): TBinding {
  const { evaluateBinding, warnings, ...rest } = extra;
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
    ...rest,
    ...(evaluateBinding === undefined
      ? {}
      : { evaluateBinding: evaluateBinding as Record<string, unknown> }),
    ...(warnings === undefined
      ? {}
      : {
          warnings: warnings.map((warning) => ({
            ...warning,
            message: withoutCitations(warning.message),
          })),
        }),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
