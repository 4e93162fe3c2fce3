import { apiHeaders } from "@/lib/http/problem";
import { defineRoute } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/common";
import { ZExportQuery } from "@/lib/sync/export/export-query";
import { exportPlan } from "@/lib/sync/plan/export-plan";

// The plan's changes as Terraform or one cloud's commands, as a text file.
export const GET = defineRoute({
  role: "viewer",
  params: ZIdParams,
  query: ZExportQuery,
  handler: async ({ params, query, requestId }) => {
    const document = await exportPlan({ planId: params.id, format: query.format });
    const headers = apiHeaders(requestId, {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${document.filename}"`,
    });
    return new Response(document.text, { status: 200, headers });
  },
});
