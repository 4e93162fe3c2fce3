"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { keyWarningsToConfirm } from "@/lib/catalog/issuers/confirm-key-warnings";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { deleteIssuer } from "@/lib/catalog/issuers/delete-issuer";
import { getIssuer } from "@/lib/catalog/issuers/get-issuer";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { defineAction } from "@/lib/http/define-action";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { ZUuid } from "@/lib/schemas/common";
import { issuerFormFields, ZIssuerCreateForm, ZIssuerFields } from "@/lib/schemas/issuer";
import { refreshIssuerKeys } from "@/lib/tokens/key-source";

// Form posts only (CONVENTIONS 8); each calls the use-case the API calls.

const ZVersion = z.coerce.number({ message: "is missing; reload the page" }).int().min(1);

export const createIssuerAction = defineAction({
  role: "operator",
  schema: ZIssuerCreateForm,
  handler: async ({ actor, input: { acceptKeyWarnings, ...input }, requestId }) => {
    const confirm = keyWarningsToConfirm({ ...input, acceptKeyWarnings });
    if (confirm) return confirm;
    const issuer = await createIssuer({ actor, requestId, input });
    revalidatePath("/issuers");
    redirect(`/issuers/${issuer.id}?saved=1`);
  },
});

export const updateIssuerAction = defineAction({
  role: "operator",
  // updateIssuer refuses a URL beside pasted keys against the stored row too.
  schema: ZIssuerFields.extend({ id: ZUuid, version: ZVersion, ...issuerFormFields }),
  handler: async ({ actor, input: { id, version, acceptKeyWarnings, ...input }, requestId }) => {
    const confirm = keyWarningsToConfirm(
      { ...input, acceptKeyWarnings },
      { id, version: String(version) },
    );
    if (confirm) return confirm;
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

// "Check now" on the issuer page: fetches the issuer's keys at once and
// records the outcome as its key health. Reading keys changes nothing in the
// catalogue, so there is no audit event; it still makes Fedlens call out, so
// it is for operators.
export const checkIssuerKeysAction = defineAction({
  role: "operator",
  schema: z.object({ id: ZUuid }).strict(),
  handler: async ({ input }) => {
    const issuer = await getIssuer({ id: input.id });
    if (issuer.jwks) {
      return {
        status: "error",
        message: "This issuer's keys are pasted; there is nothing to fetch.",
      };
    }
    // Each click is a request to the issuer: a cooldown keeps it from being a cannon.
    const cooldown = await consumeRateLimit(`issuer-keys-check:${issuer.id}`, {
      limit: 6,
      windowSeconds: 60,
    });
    if (!cooldown.allowed) {
      return {
        status: "error",
        message: `Checked too often; try again in ${cooldown.retryAfterSeconds} s.`,
      };
    }
    const health = await refreshIssuerKeys(issuer);
    revalidatePath(`/issuers/${issuer.id}`);
    return health.ok
      ? {
          status: "success",
          message: `Fetched ${health.keyCount} ${health.keyCount === 1 ? "key" : "keys"}${health.latencyMs === null ? "" : ` in ${health.latencyMs} ms`}.`,
        }
      : {
          status: "error",
          message: `The check failed: ${(health.lastError ?? "no reason given").replace(/\.$/, "")}.`,
        };
  },
});
