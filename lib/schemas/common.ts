import { z } from "zod";

export const ZUuid = z.uuid({ message: "must be a UUID" });
export const ZIdParams = z.object({ id: ZUuid }).strict();

/** Optional free text: trimmed, bounded; blank from a form means absent. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((value) => value || undefined);
}
