"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/define-action";
import { ZUuid } from "@/lib/schemas/common";
import { requestDriftCheck } from "@/lib/sync/drift/request-drift-check";

/** "Check now" on the target and binding pages: the same use-case as POST /targets/{id}/refresh. */
export const checkDriftNowAction = defineAction({
  role: "operator",
  schema: z.object({ targetId: ZUuid }).strict(),
  handler: async ({ actor, requestId, input }) => {
    await requestDriftCheck({ actor, requestId, targetId: input.targetId });
    return { status: "success", message: "Check queued." };
  },
});
