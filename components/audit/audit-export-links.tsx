import { buttonVariants } from "@/components/ui/button";
import type { AuditFilterValues } from "@/components/audit/audit-filters";
import { auditExportFormats, type AuditExportFormat } from "@/lib/audit/audit-export-format";

const labels: Record<AuditExportFormat, string> = {
  csv: "Export CSV",
  jsonl: "Export JSON Lines",
};

const filterKeys = ["actorId", "action", "entityType", "entityId", "from", "to"] as const;

/**
 * The export URL for the filters in force (never the page cursor): the file
 * holds what the list shows, every page of it.
 */
export function auditExportHref(format: AuditExportFormat, values: AuditFilterValues): string {
  const search = new URLSearchParams({ format });
  for (const key of filterKeys) {
    const value = values[key];
    if (value) search.set(key, value);
  }
  return `/api/v1/audit/export?${search}`;
}

export function AuditExportLinks({ values }: { values: AuditFilterValues }) {
  return (
    <div className="flex flex-wrap gap-2">
      {auditExportFormats.map((format) => (
        // A plain link: the browser downloads the streamed file itself.
        <a
          key={format}
          href={auditExportHref(format, values)}
          download
          className={buttonVariants({ variant: "outline", size: "sm" })}
        >
          {labels[format]}
        </a>
      ))}
    </div>
  );
}
