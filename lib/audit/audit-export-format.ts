import { z } from "zod";
import { csvRow } from "@/lib/audit/csv";
import type { TAuditEvent } from "@/lib/schemas/audit";
import { ZAuditQuery } from "@/lib/schemas/audit";

// The two export formats: CSV for spreadsheets, JSON Lines
// (https://jsonlines.org/) for tools, one event per line in the API's shape.

export const auditExportFormats = ["csv", "jsonl"] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

/** The audit list's filters plus the format; the export pages by itself. */
export const ZAuditExportQuery = ZAuditQuery.omit({ cursor: true, limit: true })
  .extend({
    format: z.enum(auditExportFormats, { message: "must be csv or jsonl" }),
  })
  .strict();
export type TAuditExportQuery = z.infer<typeof ZAuditExportQuery>;

export const auditCsvColumns = [
  "seq",
  "occurred_at",
  "actor_type",
  "actor_id",
  "actor_label",
  "actor_role",
  "action",
  "entity_type",
  "entity_id",
  "request_id",
  "before",
  "after",
  "hash",
] as const;

const json = (value: unknown) =>
  value === null || value === undefined ? "" : JSON.stringify(value);

export function auditCsvHeader(): string {
  return csvRow(auditCsvColumns);
}

export function auditCsvLine(event: TAuditEvent): string {
  return csvRow([
    event.seq,
    event.occurredAt,
    event.actor.type,
    event.actor.id ?? "",
    event.actor.label,
    event.actor.role ?? "",
    event.action,
    event.entity.type,
    event.entity.id ?? "",
    event.requestId,
    json(event.before),
    json(event.after),
    event.hash,
  ]);
}

/** JSON.stringify escapes lone surrogates (ES2019), so every line is valid UTF-8 JSON. */
export function auditJsonLine(event: TAuditEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export const auditExportMedia: Record<AuditExportFormat, { type: string; extension: string }> = {
  csv: { type: "text/csv; charset=utf-8; header=present", extension: "csv" },
  jsonl: { type: "application/jsonl; charset=utf-8", extension: "jsonl" },
};
