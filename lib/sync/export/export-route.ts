import "server-only";
import type { Cloud } from "@/lib/clouds/types";
import { apiHeaders } from "@/lib/http/problem";
import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { renderExport } from "@/lib/sync/export/export-code";
import { ZExportQuery } from "@/lib/sync/export/export-query";
import type { ExportSource } from "@/lib/sync/export/export-types";

// GET …/{id}/export?format=…: the code as a text file.

export function exportRoute(load: (id: string) => Promise<{ cloud: Cloud; source: ExportSource }>) {
  return defineRoute({
    role: "viewer",
    params: ZIdParams,
    query: ZExportQuery,
    handler: async ({ params, query, requestId }) => {
      const document = renderExport({ ...(await load(params.id)), format: query.format });
      const headers = apiHeaders(requestId, {
        "Content-Type": "text/plain; charset=utf-8",
        // exportFilename keeps to [a-z0-9.-], so the quoted form needs no escaping.
        "Content-Disposition": `attachment; filename="${document.filename}"`,
      });
      return new Response(document.text, { status: 200, headers });
    },
  });
}
