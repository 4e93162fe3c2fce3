import { reportAuditChain } from "@/lib/audit/report-audit-chain";
import { defineRoute } from "@/lib/http/route";

// Admins only, like the checkpoint: it reads the whole trail. A broken chain
// is the answer asked for, so it is a 200 with ok: false, not a problem.
export const GET = defineRoute({
  role: "admin",
  handler: async ({ json }) => json(await reportAuditChain()),
});
