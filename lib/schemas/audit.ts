import { z } from "zod";
import { ZPageQuery } from "@/lib/pagination";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

const optionalInstant = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    // ISO 8601 only, years 0001-9999: what Postgres timestamps hold.
    if (
      !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(
        value,
      ) ||
      value.startsWith("0000")
    ) {
      ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date or date-time" });
      return z.NEVER;
    }
    // A date-time without a zone (what <input type="datetime-local"> sends) is UTC here.
    const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(value);
    const zoned = local ? `${local[1]}T${local[2]}Z` : value;
    const date = new Date(zoned);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date or date-time" });
      return z.NEVER;
    }
    return date;
  });

export const ZAuditQuery = ZPageQuery.extend({
  actorId: optionalText(64),
  action: optionalText(100),
  entityType: optionalText(50),
  entityId: optionalText(64),
  from: optionalInstant,
  to: optionalInstant,
}).strict();
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEvent = z.object({
  seq: z.string(),
  occurredAt: z.string(),
  actor: z.object({
    type: z.enum(["user", "token", "system"]),
    id: z.string().nullable(),
    label: z.string(),
    role: z.enum(["viewer", "operator", "admin"]).nullable(),
  }),
  action: z.string(),
  entity: z.object({ type: z.string(), id: z.string().nullable() }),
  requestId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

/** A signed chain head an operator keeps outside the database (SECURITY.md 3.9). */
export const ZAuditCheckpoint = z
  .object({
    seq: z.string().regex(/^\d{1,18}$/, "must be a sequence number"),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "must be 64 hex digits")
      .nullable(),
    keyId: z.string().regex(/^[0-9a-f]{16}$/, "must be 16 hex digits"),
    at: z.iso.datetime(),
    signature: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 hex digits"),
  })
  .strict();
export type TAuditCheckpoint = z.infer<typeof ZAuditCheckpoint>;
