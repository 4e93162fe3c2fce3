"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { deleteIssuer } from "@/lib/catalog/issuers/delete-issuer";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { defineAction } from "@/lib/http/define-action";
import { ZUuid } from "@/lib/schemas/common";
import { ZIssuerCreateInput } from "@/lib/schemas/issuer";

// Form posts only (CONVENTIONS 8); each calls the use-case the API calls.

const ZVersion = z.coerce.number({ message: "is missing; reload the page" }).int().min(1);

export const createIssuerAction = defineAction({
  role: "operator",
  schema: ZIssuerCreateInput,
  handler: async ({ actor, input, requestId }) => {
    const issuer = await createIssuer({ actor, requestId, input });
    revalidatePath("/issuers");
    redirect(`/issuers/${issuer.id}?saved=1`);
  },
});

export const updateIssuerAction = defineAction({
  role: "operator",
  schema: ZIssuerCreateInput.extend({ id: ZUuid, version: ZVersion }),
  handler: async ({ actor, input: { id, version, ...input }, requestId }) => {
    await updateIssuer({ actor, requestId, id, expectedVersion: version, input });
    revalidatePath("/issuers");
    redirect(`/issuers/${id}?saved=1`);
  },
});

export const deleteIssuerAction = defineAction({
  role: "operator",
  schema: z.object({ id: ZUuid, version: ZVersion }).strict(),
  handler: async ({ actor, input, requestId }) => {
    await deleteIssuer({ actor, requestId, id: input.id, expectedVersion: input.version });
    revalidatePath("/issuers");
    redirect("/issuers?deleted=1");
  },
});
