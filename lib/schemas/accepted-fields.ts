import type { z } from "zod";
import { util } from "zod/v4/core";
import { boundedMemo } from "@/lib/bounded-memo";

// A cheaper way to the answer of a strict zod object, for checks run on many
// bindings (the trust map): each field is read by its own schema, and a
// field whose schema reads nothing but its own value (a provider URL, an
// issuer, a client-id list) has that answer remembered by the value's text,
// since an estate repeats the same few. The readers only ever say "accepted,
// and this is the output"; anything else is undefined, and the caller lets
// the whole schema answer with its messages.

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
 * Reads a value with `schema`, remembering its answer for each text and for
 * true, false, null and undefined (a defaulted field's absence); any other
 * value is parsed. Bindings checked one after another often repeat the last
 * text, which is compared before the memo is asked.
 */
export function rememberedValue(
  schema: z.ZodType,
  { limit = 1000, maxKeyLength = defaultMaxKeyLength }: MemoOptions = {},
): FieldReader {
  const parse = parsedBy(schema);
  const texts = boundedMemo<Answer>(limit, { maxKeyLength });
  const scalars = new Map<unknown, Answer>();
  let lastText: string | undefined;
  let lastAnswer: Answer = refused;
  const outputOf = (answer: Answer, value: unknown) =>
    answer === refused ? undefined : answer === unshared ? parse(value) : answer;
  return (value) => {
    if (typeof value === "string") {
      if (value === lastText) return outputOf(lastAnswer, value);
      const answer = texts(value, () => answerOf(parse(value)));
      if (value.length <= maxKeyLength) {
        lastText = value;
        lastAnswer = answer;
      }
      return outputOf(answer, value);
    }
    if (value !== null && value !== undefined && typeof value !== "boolean") return parse(value);
    let answer = scalars.get(value);
    if (answer === undefined) scalars.set(value, (answer = answerOf(parse(value))));
    return outputOf(answer, value);
  };
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

function isSameTexts(texts: readonly string[], other: readonly string[] | undefined): boolean {
  if (other === undefined || texts.length !== other.length) return false;
  for (let index = 0; index < texts.length; index += 1) {
    if (texts[index] !== other[index]) return false;
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
    const texts = textsOf(value);
    if (texts === undefined) return parse(value);
    if (isSameTexts(texts, lastTexts)) return lastOutput?.slice();
    const key = JSON.stringify(texts);
    const output = answers(key, () => answer(texts));
    if (key.length <= maxKeyLength) {
      lastTexts = texts;
      lastOutput = output;
    }
    return output?.slice();
  };
}

/** A plain object's own keys as zod's record reads them, when it has no symbol or `__proto__` key. */
function recordKeysOf(value: unknown): string[] | undefined {
  if (!util.isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) {
    return undefined;
  }
  const keys = Object.keys(value);
  return keys.includes("__proto__") ? undefined : keys;
}

/**
 * What z.record(z.string(), z.unknown()) makes of a value it accepts: a new
 * object with the value's own enumerable keys. Anything unusual (symbol
 * keys, a `__proto__` key) is left to the schema.
 */
export function plainRecordCopy(value: unknown): Record<string, unknown> | undefined {
  const keys = recordKeysOf(value);
  if (keys === undefined) return undefined;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = record[key];
  return copy;
}

/** A copy of a plain object whose values are all texts, read as zod's record reads it. */
function textRecordOf(value: unknown): Record<string, string> | undefined {
  const copy = plainRecordCopy(value);
  if (copy === undefined) return undefined;
  for (const key in copy) if (typeof copy[key] !== "string") return undefined;
  return copy as Record<string, string>;
}

function isSameTextRecord(
  record: Record<string, string>,
  other: Record<string, string> | undefined,
) {
  if (other === undefined) return false;
  const keys = Object.keys(record);
  const otherKeys = Object.keys(other);
  if (keys.length !== otherKeys.length) return false;
  return keys.every((key, index) => key === otherKeys[index] && record[key] === other[key]);
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
  let lastRecord: Record<string, string> | undefined;
  let lastOutput: Record<string, string> | null = null;
  return (value) => {
    const record = textRecordOf(value);
    if (record === undefined) return parse(value);
    if (isSameTextRecord(record, lastRecord))
      return lastOutput === null ? undefined : { ...lastOutput };
    const key = JSON.stringify(record);
    const output = answers(key, () => textRecordOf(parse(record)) ?? null);
    if (key.length <= maxKeyLength) {
      lastRecord = record;
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
