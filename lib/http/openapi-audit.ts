import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { ZAuditExportQuery } from "@/lib/audit/audit-export-format";
import { ZAuditChainReport } from "@/lib/audit/chain-report";
import { operation } from "@/lib/http/openapi-operations";

// Audit export answers with a streamed file, not JSON.

const exportOperation = operation({
  summary:
    "Export the audit trail, filtered like the list, newest first, as CSV or JSON Lines (viewers export their own actions)",
  role: "viewer",
  query: ZAuditExportQuery,
});

export const auditPaths: ZodOpenApiPathsObject = {
  "/audit/export": {
    get: {
      ...exportOperation,
      responses: {
        ...exportOperation.responses,
        "200": {
          description:
            "The events as a streamed file (Content-Disposition names it). CSV: a header row, RFC 4180 quoting, cells that could run as a spreadsheet formula start with an apostrophe. JSON Lines: one event per line, as the audit list returns it.",
          content: {
            "text/csv": { schema: z.string() },
            "application/jsonl": { schema: z.string() },
          },
        },
      },
    },
  },
  "/audit/verify": {
    get: operation({
      summary:
        "Recompute the audit trail's hash chain from the first event: how many events hold and the first seq that breaks it",
      role: "admin",
      response: ZAuditChainReport,
    }),
  },
};
