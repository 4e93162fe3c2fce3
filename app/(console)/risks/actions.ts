"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/http/define-action";
import { acceptFinding } from "@/lib/risk/accept-finding";
import { ZFindingAcceptInput, ZFindingId } from "@/lib/schemas/risk";

// Form posts only (CONVENTIONS 8); the same use-case as POST /api/v1/findings/{id}/accept.

/** A date picked in the form means "until the end of that day", in UTC. */
const endOfDay = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value;

export const acceptFindingAction = defineAction({
  role: "operator",
  schema: ZFindingAcceptInput.extend({
    id: ZFindingId,
    expiresAt: z.preprocess(endOfDay, ZFindingAcceptInput.shape.expiresAt),
  }),
  handler: async ({ actor, input: { id, ...input }, requestId }) => {
    await acceptFinding({ actor, requestId, findingId: id, input });
    revalidatePath("/risks");
    return { status: "success", message: "Finding accepted." };
  },
});
