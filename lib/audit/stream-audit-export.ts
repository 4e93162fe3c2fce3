import "server-only";
import {
  auditCsvHeader,
  auditCsvLine,
  auditJsonLine,
  type AuditExportFormat,
} from "@/lib/audit/audit-export-format";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import type { TAuditQuery } from "@/lib/schemas/audit";

export const auditExportPageSize = 500;

type Filters = Omit<Partial<TAuditQuery>, "cursor" | "limit">;

/**
 * The filtered trail as a byte stream, newest first, one keyset page per
 * pull: only one page is held at a time, and a slow reader slows the reads.
 * It lists through `listAuditEvents`, so the export sees exactly what the
 * audit list shows this actor (viewers: their own actions). The first page
 * is read before the stream is returned, so a bad filter or a database
 * failure is still an error response and not a truncated file.
 */
export async function streamAuditExport({
  actor,
  filters,
  format,
  db = getDb(),
  pageSize = auditExportPageSize,
}: {
  actor: Actor;
  filters: Filters;
  format: AuditExportFormat;
  db?: DbOrTx;
  pageSize?: number;
}): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const line = format === "csv" ? auditCsvLine : auditJsonLine;
  const readPage = (cursor: string | undefined) =>
    listAuditEvents({ db, actor, query: { ...filters, cursor, limit: pageSize } });

  let page = await readPage(undefined);
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!first) {
          if (!page.nextCursor) return controller.close();
          try {
            page = await readPage(page.nextCursor);
          } catch (error) {
            // The status is already sent: failing the stream makes the
            // download fail visibly instead of ending short.
            logger.error({ err: error }, "audit export stopped");
            return controller.error(new Error("The audit export stopped early."));
          }
        }
        const header = first && format === "csv" ? auditCsvHeader() : "";
        first = false;
        controller.enqueue(encoder.encode(header + page.data.map(line).join("")));
      },
    },
    // Pull only when the reader asks: no page is read ahead.
    { highWaterMark: 0 },
  );
}
