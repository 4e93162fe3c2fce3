import type { z } from "zod";
import { findUnstorableText } from "@/lib/http/find-unstorable-text";

// A form pre-filled from a link (the risk register's "Apply this fix"): the
// values travel as base64url JSON in `?prefill=` and the page parses them
// with the same schema the form's action uses, so a hand-made link can only
// propose what the form would accept anyway; nothing is saved until the
// operator submits the form.

const maxPrefillChars = 8000;

export function encodePrefill(values: unknown): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** The values, or undefined when the parameter is absent, too long or not what `schema` accepts. */
export function decodePrefill<T>(
  raw: string | undefined,
  schema: z.ZodType<T, unknown>,
): T | undefined {
  if (!raw || raw.length > maxPrefillChars) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (findUnstorableText(decoded)) return undefined;
    const parsed = schema.safeParse(decoded);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
