"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { deleteTarget } from "@/lib/catalog/targets/delete-target";
import { updateTarget } from "@/lib/catalog/targets/update-target";
import { defineAction } from "@/lib/http/define-action";
import { ZUuid } from "@/lib/schemas/common";
import { ZTargetCreateInput, ZTargetUpdateInput } from "@/lib/schemas/target";

// Form posts only (CONVENTIONS 8); each calls the use-case the API calls.

const ZVersion = z.coerce.number({ message: "is missing; reload the page" }).int().min(1);

export const createTargetAction = defineAction({
  role: "operator",
  schema: ZTargetCreateInput,
  handler: async ({ actor, input, requestId }) => {
    const target = await createTarget({ actor, requestId, input });
    revalidatePath("/targets");
    redirect(`/targets/${target.id}?saved=1`);
  },
});

export const updateTargetAction = defineAction({
  role: "operator",
  schema: ZTargetUpdateInput.extend({ id: ZUuid, version: ZVersion }),
  handler: async ({ actor, input: { id, version, ...input }, requestId }) => {
    await updateTarget({ actor, requestId, id, expectedVersion: version, input });
    revalidatePath("/targets");
    redirect(`/targets/${id}?saved=1`);
  },
});

export const deleteTargetAction = defineAction({
  role: "operator",
  schema: z.object({ id: ZUuid, version: ZVersion }).strict(),
  handler: async ({ actor, input, requestId }) => {
    await deleteTarget({ actor, requestId, id: input.id, expectedVersion: input.version });
    revalidatePath("/targets");
    redirect("/targets?deleted=1");
  },
});
