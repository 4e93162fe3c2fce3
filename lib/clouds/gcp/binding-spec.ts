import { z } from "zod";
import { ZGcpRole, ZServiceAccountEmail } from "@/lib/clouds/gcp/ids";

// An IAM binding on a service account that lets principals of the provider's
// pool impersonate it (CLOUDS.md 3.7). `member` is derived from the workload
// when the binding is saved and then kept, as IAM keeps it.

export const ZGcpBindingSpec = z
  .object({
    cloud: z.literal("gcp"),
    name: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_-]{0,62}$/,
        "use 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit",
      ),
    serviceAccountEmail: ZServiceAccountEmail,
    role: ZGcpRole,
    memberKind: z.enum(["subject", "attribute", "pool"]),
    attributeName: z
      .string()
      .regex(/^[a-z0-9_]{1,100}$/, "use up to 100 lower-case letters, digits or '_'")
      .optional(),
    attributeValue: z
      .string()
      .min(1, "is required")
      .max(1024, "must be at most 1024 characters")
      .optional(),
    member: z.string().max(2048).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.memberKind === "attribute" && (!spec.attributeName || !spec.attributeValue)) {
      ctx.addIssue({
        code: "custom",
        path: ["attributeName"],
        message: "name the attribute and its value",
      });
    }
  });
export type TGcpBindingSpec = z.infer<typeof ZGcpBindingSpec>;
