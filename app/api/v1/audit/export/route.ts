import { auditExportMedia, ZAuditExportQuery } from "@/lib/audit/audit-export-format";
import { streamAuditExport } from "@/lib/audit/stream-audit-export";
import { defineRoute } from "@/lib/http/route";
import { apiHeaders } from "@/lib/http/problem";

// The same role and scope as GET /audit: viewers export their own actions,
// operators and admins everyone's.
export const GET = defineRoute({
  role: "viewer",
  query: ZAuditExportQuery,
  handler: async ({ actor, query: { format, ...filters }, requestId }) => {
    const media = auditExportMedia[format];
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
    return new Response(await streamAuditExport({ actor, filters, format }), {
      headers: apiHeaders(requestId, {
        "Content-Type": media.type,
        "Content-Disposition": `attachment; filename="fedlens-audit-${stamp}.${media.extension}"`,
      }),
    });
  },
});
