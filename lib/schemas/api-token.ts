import { z } from "zod";
import { ZRole } from "@/lib/schemas/user";
import { ZPageQuery } from "@/lib/pagination";

export const ZApiTokenCreateInput = z
  .object({
    name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
    role: ZRole,
  })
  .strict();
export type TApiTokenCreateInput = z.infer<typeof ZApiTokenCreateInput>;

export const ZApiTokenListQuery = ZPageQuery.extend({}).strict();

export const ZApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  role: ZRole,
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

/** Only the create response carries the secret, once. */
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;
