import { z } from "zod";
import { roles } from "@/lib/auth/roles";
import { ZPageQuery } from "@/lib/pagination";

export const ZRole = z.enum(roles, { message: "must be viewer, operator or admin" });

export const ZEmail = z
  .string()
  .trim()
  .max(320, "must be at most 320 characters")
  .pipe(z.email("must be an email address"))
  .transform((email) => email.toLowerCase());

// NIST SP 800-63B §3.1.1.2: length over composition rules; a generous cap
// keeps scrypt's input bounded.
export const ZPassword = z
  .string({ message: "is required" })
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters");

const ZName = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");

export const ZUserCreateInput = z
  .object({ email: ZEmail, name: ZName, role: ZRole, password: ZPassword })
  .strict();
export type TUserCreateInput = z.infer<typeof ZUserCreateInput>;

export const ZSetupInput = z.object({ email: ZEmail, name: ZName, password: ZPassword }).strict();
export type TSetupInput = z.infer<typeof ZSetupInput>;

export const ZUserUpdateInput = z
  .object({ role: ZRole.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((input) => input.role !== undefined || input.disabled !== undefined, {
    message: "send role, disabled or both",
  });
export type TUserUpdateInput = z.infer<typeof ZUserUpdateInput>;

export const ZUserListQuery = ZPageQuery.extend({}).strict();

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type TUser = z.infer<typeof ZUser>;
