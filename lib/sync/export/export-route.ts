import "server-only";
import { z } from "zod";
import type { Cloud } from "@/lib/clouds/types";
import { apiHeaders } from "@/lib/http/problem";
import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { renderExport } from "@/lib/sync/export/export-code";
import type { ExportSource } from "@/lib/sync/export/export-types";

// GET …/{id}/export?format=…: the code as a text file. Which formats apply
// depends on the cloud, so the format is checked once the entry is loaded
// (400 naming the cloud's formats), not by the query schema.

export const ZExportQuery = z
  .object({ format: z.string().trim().max(32, "must be at most 32 characters").default("terraform") })
  .strict();

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
