import { z } from "zod";
import { ZRole } from "@/lib/schemas/user";
import { ZPageQuery } from "@/lib/pagination";

// A token that is never rotated is a standing credential; like GitHub's
// fine-grained tokens, ours expire unless the creator asks otherwise.
export const tokenLifetimeDays = { default: 90, max: 365 } as const;

export const ZApiTokenCreateInput = z
  .object({
    name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
    role: ZRole,
    expiresInDays: z
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(tokenLifetimeDays.max, `must be at most ${tokenLifetimeDays.max} days`)
      .nullable()
      .optional()
      .describe(
        `Days until the token stops working (default ${tokenLifetimeDays.default}); null for a token that never expires.`,
      ),
  })
  .strict();
/** What callers pass: `expiresInDays` left out means the default. */
export type TApiTokenCreateInput = z.input<typeof ZApiTokenCreateInput>;

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
  expiresAt: z.string().nullable().describe("When the token stops working; null: never."),
});
export type TApiToken = z.infer<typeof ZApiToken>;

/** Only the create response carries the secret, once. */
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;

/** When a token made now with this lifetime expires; null when it never does. */
export function tokenExpiresAt(expiresInDays: number | null | undefined, now: Date): Date | null {
  if (expiresInDays === null) return null;
  const days = expiresInDays ?? tokenLifetimeDays.default;
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
