import {
  mappedAttributesTooLarge,
  mappedAttributeTooLarge,
  subjectNotMapped,
  subjectNotString,
  attributeNotString,
} from "@/lib/clouds/gcp/cloud-errors";
import { evaluateCel, type PlainValue } from "@/lib/clouds/gcp/match/cel-runtime";
import { utf8Length as byteLength } from "@/lib/clouds/gcp/utf8-length";
import { failed, passed, quote, type Outcome } from "@/lib/clouds/gcp/match/outcome";
import type { Check } from "@/lib/federation/types";
import { recentObjects } from "@/lib/recent-objects";

// CLOUDS.md 3.3 (provider resource reference; GCP troubleshooting): each
// mapping is CEL over `assertion`; google.subject is required, a string, and
// at most 127 bytes; all mapped attributes together stay within 8 KB.

const source = "CLOUDS.md 3.3 (provider resource reference; GCP troubleshooting; auth#378)";
const maxSubjectBytes = 127;
const maxMappedBytes = 8 * 1024;

export type MappedAttributes = {
  /** google.* targets without the prefix: subject, groups, … */
  google: Record<string, PlainValue>;
  /** attribute.* targets without the prefix. */
  attribute: Record<string, PlainValue>;
  /** Targets whose expression failed on this token, with CEL's reason. */
  failures: Record<string, string>;
};

type MappingEntry = { target: string; expression: string; scope: string; name: string };

// A prepared binding maps every token through the same mapping object, so
// its targets are split into scope and name once; only the last few
// mappings are kept (recent-objects.ts: each binding of a large estate is
// judged once, and a WeakMap entry for each cost more than it saved).
const mappingEntries = recentObjects<Record<string, string>, MappingEntry[]>(8);

function entriesOf(mapping: Record<string, string>): MappingEntry[] {
  let entries = mappingEntries.get(mapping);
  if (!entries) {
    entries = Object.entries(mapping).map(([target, expression]) => {
      const [scope = "", ...rest] = target.split(".");
      return { target, expression, scope, name: rest.join(".") };
    });
    mappingEntries.set(mapping, entries);
  }
  return entries;
}

function mappedBytes(value: PlainValue): number {
  if (typeof value === "string") return byteLength(value);
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + mappedBytes(item), 0);
  return byteLength(JSON.stringify(value) ?? "");
}

function missingClaimHint(error: string): string | undefined {
  const key = /^no such key: (.+)$/.exec(error)?.[1];
  return key ? `The token has no ${key} claim.` : undefined;
}

function kindOf(value: PlainValue): string {
  if (Array.isArray(value)) return "a list with a non-string item";
  if (value === null) return "null";
  return typeof value === "object" ? "a map" : `a ${typeof value}`;
}

// [inferred] google.groups and attribute.* are read as a string or a list of
// strings, as principalSet://…/group/G and …/attribute.NAME/VALUE match one
// of them; anything else is refused like a non-string google.subject
// (auth#378).
function nonStringAttribute(mapped: MappedAttributes): { target: string; kind: string } | null {
  for (const name of Object.keys(mapped.google)) {
    const value = mapped.google[name] as PlainValue;
    if (name !== "subject" && !isStrings(value))
      return { target: `google.${name}`, kind: kindOf(value) };
  }
  for (const name of Object.keys(mapped.attribute)) {
    const value = mapped.attribute[name] as PlainValue;
    if (!isStrings(value)) return { target: `attribute.${name}`, kind: kindOf(value) };
  }
  return null;
}

function isStrings(value: PlainValue): boolean {
  return (
    typeof value === "string" ||
    (Array.isArray(value) && value.every((item) => typeof item === "string"))
  );
}

function totalBytes(mapped: MappedAttributes): number {
  let total = 0;
  for (const name of Object.keys(mapped.google))
    total += mappedBytes(mapped.google[name] as PlainValue);
  for (const name of Object.keys(mapped.attribute))
    total += mappedBytes(mapped.attribute[name] as PlainValue);
  return total;
}

function groupsNote(mapped: MappedAttributes): string | undefined {
  if (typeof mapped.google.groups !== "string") return undefined;
  // CLOUDS.md 3.3
  return "google.groups maps to a single string, not a list; Fedlens reads it as one group, but Google does not document how it reads one. Map a list, e.g. [assertion.repository_owner].";
}

/** The check's fields, in the order every outcome of the mapping gives them. */
function mappingCheck(
  expected: string,
  actual: string,
  message: string,
  hint?: string,
): Omit<Check, "ok"> {
  const fields: Omit<Check, "ok"> = {
    check: "attributeMapping",
    expected,
    actual,
    source,
    message,
  };
  if (hint) fields.hint = hint;
  return fields;
}

/** Evaluates every mapping on the token, and checks google.subject and the size limits. */
export function mapAttributes(
  mapping: Record<string, string>,
  claims: Record<string, unknown>,
): { outcome: Outcome; mapped: MappedAttributes } {
  const mapped: MappedAttributes = { google: {}, attribute: {}, failures: {} };
  const bindings = { assertion: claims };
  for (const { target, expression, scope, name } of entriesOf(mapping)) {
    const result = evaluateCel(expression, bindings);
    if (!result.ok) {
      mapped.failures[target] = result.error;
      continue;
    }
    if (scope === "google") mapped.google[name] = result.value;
    else if (scope === "attribute") mapped.attribute[name] = result.value;
  }

  const subject = mapped.google.subject;
  const actual = quote(subject);
  const mappedFrom = mapping["google.subject"] ?? "";
  const expected = `google.subject = ${mappedFrom || "(not mapped)"}: a string of at most ${maxSubjectBytes} bytes`;
  let unmapped = "";
  for (const target of Object.keys(mapped.failures)) {
    if (target === "google.subject") continue;
    unmapped += `${unmapped ? "; " : ""}${target} (${mapped.failures[target]})`;
  }
  const unmappedNote = unmapped
    ? // CLOUDS.md 6
      `Not mapped for this token: ${unmapped}. Fedlens leaves such attributes out; Google does not document whether a failing custom mapping rejects the token.`
    : undefined;

  const subjectFailure = mapped.failures["google.subject"];
  if (subjectFailure !== undefined || subject === undefined) {
    const reason = subjectFailure ?? "google.subject is not in the attribute mapping";
    const hint = [missingClaimHint(reason), unmappedNote].filter(Boolean).join(" ");
    return {
      outcome: failed(
        mappingCheck(expected, actual, `google.subject could not be mapped: ${reason}.`, hint),
        subjectNotMapped(),
      ),
      mapped,
    };
  }
  if (typeof subject !== "string") {
    return {
      outcome: failed(
        mappingCheck(
          expected,
          actual,
          `google.subject maps to a ${Array.isArray(subject) ? "list" : typeof subject}, not a string.`,
          "A comparison such as assertion.sub == '…' yields a boolean; map the claim itself and put comparisons in the attribute condition.",
        ),
        subjectNotString(),
      ),
      mapped,
    };
  }
  if (!subject) {
    return {
      outcome: failed(
        mappingCheck(expected, actual, "google.subject maps to an empty string."),
        subjectNotMapped(),
      ),
      mapped,
    };
  }
  const subjectBytes = byteLength(subject);
  if (subjectBytes > maxSubjectBytes) {
    return {
      outcome: failed(
        mappingCheck(
          expected,
          actual,
          `google.subject is ${subjectBytes} bytes; the limit is ${maxSubjectBytes}.`,
          // CLOUDS.md 3.3
          "Shorten it in the mapping, e.g. with extract() or by mapping a shorter claim; long repository or branch names are the usual cause.",
        ),
        mappedAttributeTooLarge("google.subject"),
      ),
      mapped,
    };
  }
  const typeFailure = nonStringAttribute(mapped);
  if (typeFailure) {
    return {
      outcome: failed(
        mappingCheck(
          expected,
          actual,
          `${typeFailure.target} maps to ${typeFailure.kind}, not a string or a list of strings. [inferred] Google's documented refusal names google.subject (auth#378); its text names the attribute, so the same check is taken to apply to every mapped attribute.`,
          "A comparison such as assertion.sub == '…' yields a boolean; map the claim itself and put comparisons in the attribute condition.",
        ),
        attributeNotString(typeFailure.target),
      ),
      mapped,
    };
  }
  const total = totalBytes(mapped);
  if (total > maxMappedBytes) {
    return {
      outcome: failed(
        // CLOUDS.md 6
        mappingCheck(
          expected,
          actual,
          `The mapped attributes total ${total} bytes; Google allows 8 KB. Google's error text for this is unconfirmed.`,
        ),
        mappedAttributesTooLarge(),
      ),
      mapped,
    };
  }
  const groups = groupsNote(mapped);
  const notes = unmappedNote && groups ? `${unmappedNote} ${groups}` : (unmappedNote ?? groups);
  let message = `google.subject = ${subject}`;
  for (const name of Object.keys(mapped.attribute)) {
    message += `; attribute.${name} = ${quote(mapped.attribute[name])}`;
  }
  return { outcome: passed(mappingCheck(expected, actual, message, notes)), mapped };
}
