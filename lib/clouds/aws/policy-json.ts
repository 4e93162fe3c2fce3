// Strict JSON (RFC 8259) for pasted trust statements. JSON.parse keeps the
// last of two equal keys; IAM silently keeps one too, and in a real case that
// dropped the sub check (CLOUDS.md 2.5, 5.4: alphagov/govuk-infrastructure#879).
// So duplicates are refused, naming the key and where it is; the scanner is the
// shared one in lib/json/strict-json.ts.
import { parseStrictJson } from "@/lib/json/strict-json";

/** Above IAM's largest trust-policy quota (4,096, CLOUDS.md 2.6) with room for indentation. */
export const policyJsonMaxLength = 10_240;
export const policyJsonMaxDepth = 32;

export type PolicyJsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export function parsePolicyJson(text: string): PolicyJsonParse {
  const result = parseStrictJson(text, {
    maxLength: policyJsonMaxLength,
    maxDepth: policyJsonMaxDepth,
  });
  return result.ok ? result : { ok: false, message: result.message };
}
