import { z } from "zod";
import { ZFicAudiences, ZFicIssuer, ZFicSubject } from "@/lib/clouds/azure/fic-limits";
import { ZFicName } from "@/lib/clouds/azure/fic-name";

// A federated identity credential in Entra's terms (CLOUDS.md 1.1, 1.6):
// either an exact `subject` or a flexible `claimsMatchingExpression`.

export const ZAzureBindingSpec = z
  .object({
    cloud: z.literal("azure"),
    name: ZFicName,
    issuer: ZFicIssuer,
    audiences: ZFicAudiences,
    subject: ZFicSubject.optional(),
    claimsMatchingExpression: z
      .object({
        value: z.string().min(1, "is required").max(2000, "must be at most 2000 characters"),
        languageVersion: z.number().int(),
      })
      .strict()
      .optional(),
    // CLOUDS.md 1.5: description <= 600 characters.
    description: z.string().trim().max(600, "must be at most 600 characters").optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    // Either subject or claimsMatchingExpression, never both (2025-01-31-preview spec).
    if (Boolean(spec.subject) === Boolean(spec.claimsMatchingExpression)) {
      ctx.addIssue({
        code: "custom",
        path: ["subject"],
        message: "set either a subject or a claims-matching expression, not both",
      });
    }
  });
export type TAzureBindingSpec = z.infer<typeof ZAzureBindingSpec>;
