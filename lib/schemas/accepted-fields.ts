import type { z } from "zod";
import { util } from "zod/v4/core";
import { boundedMemo } from "@/lib/bounded-memo";

// Readers standing in for a strict zod object's fields, for checks run on
// many bindings (the trust map): a field whose schema reads nothing but its
// own value (a provider URL, an issuer, a client-id list) has its answer
// remembered by the value, since an estate repeats the same few, and the
// last value is compared before anything is looked up. A reader only ever
// says "accepted, and this is the output"; anything else is undefined, and
// the caller lets the whole schema answer with its messages.

/** The field's output when its schema accepts the value; undefined for anything else. */
export type FieldReader = (value: unknown) => unknown;

type MemoOptions = { limit?: number; maxKeyLength?: number };

// As boundedMemo's own: longer keys are read, never remembered (nor kept as the last).
const defaultMaxKeyLength = 8192;

/** Reads a value with its own schema, nothing remembered (values seen once). */
export function parsedBy(schema: z.ZodType): FieldReader {
  return function parseField(value) {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
}

// A remembered answer: the output, or that the schema refused the value, or
// that the output is an object (a default list) each caller must get anew.
const refused = Symbol("refused");
const unshared = Symbol("unshared");
type Answer = string | boolean | null | typeof refused | typeof unshared;

function answerOf(output: unknown): Answer {
  if (output === undefined) return refused;
  const isScalar = output === null || typeof output === "string" || typeof output === "boolean";
  return isScalar ? output : unshared;
}

/**
 * `read`, answering at once for the text it was last given when that
 * answer was a scalar (bindings on one target come one after another).
 */
export function rememberingLastText(
  read: FieldReader,
  maxKeyLength = defaultMaxKeyLength,
): FieldReader {
  let lastText: string | undefined;
  let lastOutput: unknown;
  return function lastTextReader(value: unknown) {
    if (typeof value === "string" && value === lastText) return lastOutput;
    const output = read(value);
    const isScalar = output === null || typeof output !== "object";
    if (typeof value === "string" && value.length <= maxKeyLength && isScalar) {
      lastText = value;
      lastOutput = output;
    }
    return output;
  };
}

/**
 * Reads a value with `schema`, remembering its answer for each text and for
 * true, false, null and undefined (a defaulted field's absence); any other
 * value is parsed.
 */
export function rememberedValue(
  schema: z.ZodType,
  { limit = 1000, maxKeyLength = defaultMaxKeyLength }: MemoOptions = {},
): FieldReader {
  const parse = parsedBy(schema);
  const texts = boundedMemo<Answer>(limit, { maxKeyLength });
  const scalars = new Map<unknown, Answer>();
  const answerFor = (value: unknown): Answer => {
    if (typeof value === "string") return texts(value, () => answerOf(parse(value)));
    let answer = scalars.get(value);
    if (answer === undefined) scalars.set(value, (answer = answerOf(parse(value))));
    return answer;
  };
  return rememberingLastText(function memoReader(value: unknown) {
    const isScalar = value === null || value === undefined || typeof value === "boolean";
    if (typeof value !== "string" && !isScalar) return parse(value);
    const answer = answerFor(value);
    return answer === refused ? undefined : answer === unshared ? parse(value) : answer;
  }, maxKeyLength);
}

/** The texts of a list of texts, read as zod reads an array (length, then each index). */
function textsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const texts: string[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (typeof item !== "string") return undefined;
    texts.push(item);
  }
  return texts;
}

/** Whether `value` is a list of exactly these texts (checked before any copy is made). */
function isSameTexts(value: unknown, texts: readonly string[] | undefined): boolean {
  if (texts === undefined || !Array.isArray(value) || value.length !== texts.length) return false;
  for (let index = 0; index < texts.length; index += 1) {
    if (value[index] !== texts[index]) return false;
  }
  return true;
}

/**
 * Reads a value with `schema`, remembering the output for each list of
 * texts by its JSON (which tells any two such lists apart); anything else
 * is parsed. Every call gets its own copy of the output list, as a parse does.
 */
export function rememberedTextList(
  schema: z.ZodType,
  { limit = 1000, maxKeyLength = defaultMaxKeyLength }: MemoOptions = {},
): FieldReader {
  const parse = parsedBy(schema);
  const answers = boundedMemo<readonly string[] | null>(limit, { maxKeyLength });
  const answer = (texts: string[]) => textsOf(parse(texts)) ?? null;
  let lastTexts: readonly string[] | undefined;
  let lastOutput: readonly string[] | null = null;
  return function readList(value) {
    if (isSameTexts(value, lastTexts)) return lastOutput?.slice();
    const texts = textsOf(value);
    if (texts === undefined) return parse(value);
    const key = JSON.stringify(texts);
    const output = answers(key, () => answer(texts));
    if (key.length <= maxKeyLength) {
      lastTexts = texts;
      lastOutput = output;
    }
    return output?.slice();
  };
}

/**
 * What z.record(z.string(), …) reads of a plain object: its own enumerable
 * keys and their values, in a new object. Undefined for a value with a
 * symbol or `__proto__` key (left to the schema), or, with `textsOnly`, a
 * value that is not a text.
 */
function recordCopy(value: unknown, textsOnly: boolean): Record<string, unknown> | undefined {
  if (!util.isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (key === "__proto__" || (textsOnly && typeof item !== "string")) return undefined;
    copy[key] = item;
  }
  return copy;
}

/** What z.record(z.string(), z.unknown()) outputs for a value it accepts; undefined when unusual. */
export function plainRecordCopy(value: unknown): Record<string, unknown> | undefined {
  return recordCopy(value, false);
}

/** A copy of a plain object whose values are all texts, read as zod's record reads it. */
function textRecordOf(value: unknown): Record<string, string> | undefined {
  return recordCopy(value, true) as Record<string, string> | undefined;
}

/** Whether `value` is a record zod reads as exactly these entries (checked before any copy is made). */
function isSameTextRecord(value: unknown, entries: [string, string][] | undefined): boolean {
  if (entries === undefined || !util.isPlainObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== entries.length || Object.getOwnPropertySymbols(value).length > 0) {
    return false;
  }
  return entries.every(([key, text], index) => keys[index] === key && value[key] === text);
}

/**
 * Reads a value with `schema` (a record of texts), remembering the output
 * for each plain object of texts by its JSON, keys in order; anything else
 * is parsed. Every call gets its own copy of the output, as a parse does.
 */
export function rememberedTextRecord(
  schema: z.ZodType,
  { limit = 1000, maxKeyLength = defaultMaxKeyLength }: MemoOptions = {},
): FieldReader {
  const parse = parsedBy(schema);
  const answers = boundedMemo<Record<string, string> | null>(limit, { maxKeyLength });
  let lastEntries: [string, string][] | undefined;
  let lastOutput: Record<string, string> | null = null;
  return function recordReader(value: unknown) {
    if (isSameTextRecord(value, lastEntries)) {
      return lastOutput === null ? undefined : { ...lastOutput };
    }
    const record = textRecordOf(value);
    if (record === undefined) return parse(value);
    const key = JSON.stringify(record);
    const output = answers(key, () => textRecordOf(parse(record)) ?? null);
    if (key.length <= maxKeyLength) {
      lastEntries = Object.entries(record);
      lastOutput = output;
    }
    return output === null ? undefined : { ...output };
  };
}

/** zod's object test and its strict check: an object whose every key (for…in) is in the shape. */
export function hasOnlyKeys(
  input: unknown,
  keys: ReadonlySet<string>,
): input is Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return false;
  for (const key in input) if (!keys.has(key)) return false;
  return true;
}

/**
 * A whole-object check from its field readers: what they read is the answer
 * when the fields have no problem together; anything else is the schema's,
 * with its exact issues.
 */
export function checkedByFields<T>(
  schema: z.ZodType<T>,
  readFields: (value: unknown) => unknown,
  problems: (read: T) => readonly unknown[],
): (value: unknown) => z.ZodSafeParseResult<T> {
  return (value) => {
    const read = readFields(value) as T | undefined;
    if (read !== undefined && problems(read).length === 0) return { success: true, data: read };
    return schema.safeParse(value);
  };
}
