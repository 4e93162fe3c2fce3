import { z } from "zod";

// POST /api/v1/sync/plans/{id}/apply: apply the plan's pending changes, or
// retry the ones that failed.

export const ZApplyRequest = z
  .object({
    changes: z
      .enum(["pending", "failed"])
      .default("pending")
      .describe("pending: apply the approved plan; failed: retry only the changes that failed"),
  })
  .strict();

export const ZApplyStarted = z.object({
  id: z.string().uuid(),
  status: z.literal("applying"),
  operations: z.number().int().describe("Changes queued for the clouds"),
});
