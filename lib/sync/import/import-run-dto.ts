import "server-only";
import type { ImportRun } from "@/lib/db/generated/client";
import { ZCloudErrorDto, ZImportProgress, type TImportRun } from "@/lib/sync/import/import-schemas";

export type ImportRunRow = Pick<
  ImportRun,
  "id" | "connectionId" | "status" | "progress" | "error" | "createdAt" | "startedAt" | "finishedAt"
>;

export const importRunSelect = {
  id: true,
  connectionId: true,
  status: true,
  progress: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export function toImportRunDto(row: ImportRunRow): TImportRun {
  const progress = ZImportProgress.safeParse(row.progress);
  const error = ZCloudErrorDto.safeParse(row.error);
  return {
    id: row.id,
    connectionId: row.connectionId,
    status: row.status,
    progress: progress.success ? progress.data : null,
    error: error.success ? error.data : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
