import { policyJsonMaxLength } from "@/lib/clouds/aws/policy-json";
import { parseJsonKeepingLast } from "@/lib/json/strict-json";

// A trust policy pasted as text, read the way IAM reads it: when an object
// repeats a key, the LAST one wins and the earlier ones vanish without a word
// (CLOUDS.md 2.5 and 5.4; alphagov/govuk-infrastructure#879 lost its sub check
// that way). The shared strict parser keeps the last value and lists the
// repeated keys so the evaluator can flag them.

export type PolicyText =
  { ok: true; value: unknown; duplicateKeys: string[] } | { ok: false; message: string };

/** Parses policy text as IAM does (last duplicate key wins) and lists the keys it repeats. */
export function parsePolicyText(text: string): PolicyText {
  const parsed = parseJsonKeepingLast(text, { maxLength: policyJsonMaxLength });
  if (!parsed.ok) return { ok: false, message: parsed.message };
  // Array positions read as [n], as IAM and the docs write them.
  const keyPath = (path: string, key: string) =>
    [path.replace(/(^|\.)(\d+)(?=\.|$)/g, "[$2]").replace(/\.\[/g, "["), key]
      .filter(Boolean)
      .join(".");
  return {
    ok: true,
    value: parsed.value,
    duplicateKeys: [
      ...new Set(parsed.duplicates.map((duplicate) => keyPath(duplicate.path, duplicate.key))),
    ],
  };
}
