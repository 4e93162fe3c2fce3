import { z } from "zod";

export const ZUuid = z.uuid({ message: "must be a UUID" });

/** For ids from cookies and URLs, which must not reach a uuid column unchecked. */
export function isUuid(value: string): boolean {
  return ZUuid.safeParse(value).success;
}
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

/**
 * A nested object that forms send as JSON text in one field (the client
 * component builds it) and the API sends as an object.
 */
export function jsonField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, schema);
}
