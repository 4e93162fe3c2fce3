import { createAuditCheckpoint } from "@/lib/audit/create-audit-checkpoint";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/route";

// Admins only: it recomputes the whole trail, and the answer is for keeping
// outside the database.
export const GET = defineRoute({
  role: "admin",
  handler: async ({ json }) => {
    const result = await createAuditCheckpoint();
    if (result.checkpoint === null) {
      const { brokenSeq, reason } = result.verdict;
      throw new AppError("conflict", {
        message: `The audit trail is broken at seq ${brokenSeq}: ${reason}. No checkpoint is signed for it.`,
        details: { brokenSeq },
      });
    }
    return json(result.checkpoint);
  },
});
