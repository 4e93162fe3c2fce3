"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import { deleteWorkload } from "@/lib/catalog/workloads/delete-workload";
import { updateWorkload } from "@/lib/catalog/workloads/update-workload";
import { defineAction } from "@/lib/http/define-action";
import { ZUuid } from "@/lib/schemas/common";
import { ZWorkloadCreateInput, ZWorkloadUpdateInput } from "@/lib/schemas/workload";

// Form posts only (CONVENTIONS 8); each calls the use-case the API calls.

const ZVersion = z.coerce.number({ message: "is missing; reload the page" }).int().min(1);

export const createWorkloadAction = defineAction({
  role: "operator",
  schema: ZWorkloadCreateInput,
  handler: async ({ actor, input, requestId }) => {
    const workload = await createWorkload({ actor, requestId, input });
    revalidatePath("/workloads");
    redirect(`/workloads/${workload.id}?saved=1`);
  },
});

export const updateWorkloadAction = defineAction({
  role: "operator",
  schema: ZWorkloadUpdateInput.extend({ id: ZUuid, version: ZVersion }),
  handler: async ({ actor, input: { id, version, ...input }, requestId }) => {
    // The form always sends team and description; blank means cleared, which
    // the use-case only sees as "" (undefined leaves the stored value).
    await updateWorkload({
      actor,
      requestId,
      id,
      expectedVersion: version,
      input: { ...input, team: input.team ?? "", description: input.description ?? "" },
    });
    revalidatePath("/workloads");
    redirect(`/workloads/${id}?saved=1`);
  },
});

export const deleteWorkloadAction = defineAction({
  role: "operator",
  schema: z.object({ id: ZUuid, version: ZVersion }).strict(),
  handler: async ({ actor, input, requestId }) => {
    await deleteWorkload({ actor, requestId, id: input.id, expectedVersion: input.version });
    revalidatePath("/workloads");
    redirect("/workloads?deleted=1");
  },
});
