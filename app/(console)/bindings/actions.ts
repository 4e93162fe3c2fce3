"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adoptBinding } from "@/lib/catalog/bindings/adopt-binding";
import { createBinding } from "@/lib/catalog/bindings/create-binding";
import { deleteBinding } from "@/lib/catalog/bindings/delete-binding";
import { updateBinding } from "@/lib/catalog/bindings/update-binding";
import { defineAction } from "@/lib/http/define-action";
import { ZBindingCreateInput, ZBindingUpdateInput } from "@/lib/schemas/binding";
import { ZUuid } from "@/lib/schemas/common";

// Form posts only (CONVENTIONS 8); each calls the use-case the API calls.

const ZVersion = z.coerce.number({ message: "is missing; reload the page" }).int().min(1);

export const createBindingAction = defineAction({
  role: "operator",
  schema: ZBindingCreateInput,
  handler: async ({ actor, input, requestId }) => {
    const binding = await createBinding({ actor, requestId, input });
    revalidatePath("/bindings");
    redirect(`/bindings/${binding.id}?saved=1`);
  },
});

export const updateBindingAction = defineAction({
  role: "operator",
  schema: ZBindingUpdateInput.extend({ id: ZUuid, version: ZVersion }),
  handler: async ({ actor, input: { id, version, ...input }, requestId }) => {
    await updateBinding({ actor, requestId, id, expectedVersion: version, input });
    revalidatePath("/bindings");
    redirect(`/bindings/${id}?saved=1`);
  },
});

export const deleteBindingAction = defineAction({
  role: "operator",
  schema: z.object({ id: ZUuid, version: ZVersion }).strict(),
  handler: async ({ actor, input, requestId }) => {
    await deleteBinding({ actor, requestId, id: input.id, expectedVersion: input.version });
    revalidatePath("/bindings");
    redirect("/bindings?deleted=1");
  },
});

export const adoptBindingAction = defineAction({
  role: "operator",
  schema: z.object({ id: ZUuid, version: ZVersion }).strict(),
  handler: async ({ actor, input, requestId }) => {
    await adoptBinding({ actor, requestId, id: input.id, expectedVersion: input.version });
    revalidatePath(`/bindings/${input.id}`);
    redirect(`/bindings/${input.id}?saved=1`);
  },
});
