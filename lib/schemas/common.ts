import { z } from "zod";
import { findUnstorableText } from "@/lib/http/find-unstorable-text";

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
  return z.preprocess((value, ctx) => {
    if (typeof value !== "string") return value;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return value;
    }
    // JSON escapes can spell what the outer checks never saw (a NUL, a lone surrogate).
    const unstorable = findUnstorableText(parsed);
    if (unstorable) {
      ctx.addIssue({
        code: "custom",
        path: unstorable.path === "(body)" ? [] : unstorable.path.split("."),
        message: unstorable.reason,
      });
      return z.NEVER;
    }
    return parsed;
  }, schema);
}

/** The body of an action that takes no input: `{}` and nothing else. */
export const ZEmptyBody = z.object({}).strict();
