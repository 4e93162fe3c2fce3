"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createConnection } from "@/lib/connections/create-connection";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { replaceConnectionSecret } from "@/lib/connections/replace-connection-secret";
import { testConnection } from "@/lib/connections/test-connection";
import { updateConnection } from "@/lib/connections/update-connection";
import { defineAction } from "@/lib/http/define-action";
import { ZUuid } from "@/lib/schemas/common";
import {
  ZConnectionCreateForm,
  ZConnectionSecretForm,
  ZConnectionUpdateForm,
} from "@/lib/schemas/connection-form";

// Form posts only (CONVENTIONS 8); each calls the use-case the API calls.

const listPath = "/settings/connections";
const ZVersion = z.coerce.number({ message: "is missing; reload the page" }).int().min(1);

export const createConnectionAction = defineAction({
  role: "admin",
  schema: ZConnectionCreateForm,
  handler: async ({ actor, input, requestId }) => {
    const connection = await createConnection({ actor, requestId, input });
    revalidatePath(listPath);
    redirect(`${listPath}/${connection.id}?saved=1`);
  },
});

export const updateConnectionAction = defineAction({
  role: "admin",
  schema: ZConnectionUpdateForm,
  handler: async ({ actor, input: { id, version, ...input }, requestId }) => {
    await updateConnection({ actor, requestId, id, expectedVersion: version, input });
    revalidatePath(listPath);
    redirect(`${listPath}/${id}?saved=1`);
  },
});

export const replaceConnectionSecretAction = defineAction({
  role: "admin",
  schema: ZConnectionSecretForm,
  handler: async ({ actor, input: { id, ...input }, requestId }) => {
    await replaceConnectionSecret({ actor, requestId, id, input });
    revalidatePath(`${listPath}/${id}`);
    return { status: "success", message: "Secret replaced. The old one is gone." };
  },
});

export const testConnectionAction = defineAction({
  role: "admin",
  schema: z.object({ id: ZUuid }).strict(),
  handler: async ({ actor, input, requestId }) => {
    const connection = await testConnection({ actor, requestId, id: input.id });
    revalidatePath(`${listPath}/${input.id}`);
    revalidatePath(listPath);
    return connection.lastTest?.ok
      ? { status: "success", message: "The connection works." }
      : { status: "error", message: "The cloud refused: see the result below." };
  },
});

export const deleteConnectionAction = defineAction({
  role: "admin",
  schema: z.object({ id: ZUuid, version: ZVersion }).strict(),
  handler: async ({ actor, input, requestId }) => {
    await deleteConnection({ actor, requestId, id: input.id, expectedVersion: input.version });
    revalidatePath(listPath);
    redirect(`${listPath}?deleted=1`);
  },
});
