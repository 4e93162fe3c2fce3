import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { defineRoute } from "@/lib/http/route";
import { toListBody } from "@/lib/pagination";
import { ZAuditQuery } from "@/lib/schemas/audit";

export const GET = defineRoute({
  role: "viewer",
  query: ZAuditQuery,
  handler: async ({ actor, query, json }) =>
    json(toListBody(await listAuditEvents({ actor, query }))),
});
