import { policyJsonMaxLength } from "@/lib/clouds/aws/policy-json";
import { parseJsonKeepingLast } from "@/lib/json/strict-json";

// A trust policy pasted as text. When an object repeats a key, IAM "silently
// keeps only one" (CLOUDS.md 2.5 and 5.4; alphagov/govuk-infrastructure#879
// lost its sub check that way), and which one is not documented. So the text
// is read both ways: the shared strict parser keeps the last value and lists
// the repeated keys, and `firstKept` keeps the first, for the evaluator to
// refuse a verdict that hangs on IAM's choice.

export type PolicyText =
  | { ok: true; value: unknown; duplicateKeys: string[]; firstKept?: unknown }
  | { ok: false; message: string };

/** JSON.parse keeping the first of repeated keys; for text the strict parser has already accepted. */
function parseKeepingFirst(text: string): unknown {
  let at = 0;
  const token = (pattern: RegExp): string => {
    pattern.lastIndex = at;
    const found = pattern.exec(text)?.[0] ?? "";
    at += found.length;
    return found;
  };
  const space = /[ \t\n\r]*/y;
  const string = /"(?:[^"\\]|\\.)*"/y;
  const scalar = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const value = (): unknown => {
    token(space);
    const open = text[at];
    if (open === "{" || open === "[") {
      at += 1;
      const object: Record<string, unknown> = {};
      const list: unknown[] = [];
      for (token(space); text[at] !== (open === "{" ? "}" : "]"); token(space)) {
        if (text[at] === ",") at += 1;
        if (open === "[") {
          list.push(value());
          continue;
        }
        token(space);
        const key = JSON.parse(token(string)) as string;
        token(space);
        at += 1;
        const item = value();
        // defineProperty keeps "__proto__" a plain own key, as JSON.parse does.
        if (!Object.hasOwn(object, key)) {
          Object.defineProperty(object, key, {
            value: item,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      at += 1;
      return open === "{" ? object : list;
    }
    return JSON.parse(open === '"' ? token(string) : token(scalar));
  };
  return value();
}

/** Parses policy text keeping the last duplicate key, lists the keys it repeats, and reads it keeping the first too. */
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
    ...(parsed.duplicates.length ? { firstKept: parseKeepingFirst(text) } : {}),
  };
}
