// Strict JSON (RFC 8259) for text pasted by operators: JWT headers and claims,
// AWS trust policies. JSON.parse keeps the last of two equal keys; a cloud's
// parser may keep either, and in a real case IAM's choice dropped the sub check
// (CLOUDS.md 2.5, 5.4: alphagov/govuk-infrastructure#879). JOSE names must be
// unique too (RFC 7515 §4, RFC 7519 §4). So a scanner walks the text first,
// checking grammar, duplicates, depth and array length, and says where a
// problem is; JSON.parse then builds the value (same numbers, same strings, and
// `__proto__` stays a plain own key).

export type StrictJsonOptions = {
  /** Characters (UTF-16 code units) accepted; longer text is refused unread. */
  maxLength: number;
  /** Nested objects and arrays; the top-level container is level 1. */
  maxDepth?: number;
  maxArrayLength?: number;
  /** Prefixes every message, e.g. "header" → "header: duplicate key …". */
  label?: string;
};

export type JsonDuplicate = {
  /** Where the object holding the key sits, dot-joined ("" at the top level). */
  path: string;
  key: string;
  /** Operator message, e.g. `duplicate key "sub" at the top level at line 1, column 20`. */
  message: string;
};

export type StrictJsonFailureReason =
  "too_long" | "syntax" | "duplicate_key" | "too_deep" | "too_many_entries";

export type StrictJsonFailure = {
  ok: false;
  message: string;
  reason: StrictJsonFailureReason;
  duplicate?: JsonDuplicate;
};

export type StrictJsonResult = { ok: true; value: unknown } | StrictJsonFailure;

export type KeepingLastResult =
  { ok: true; value: unknown; duplicates: JsonDuplicate[] } | StrictJsonFailure;

export const defaultMaxDepth = 32;

class ScanError extends Error {
  constructor(
    message: string,
    readonly reason: StrictJsonFailureReason,
    readonly duplicate?: JsonDuplicate,
  ) {
    super(message);
  }
}

type ScanOptions = {
  maxDepth: number;
  maxArrayLength: number;
  /** Record duplicates instead of refusing the text. */
  keepLast: boolean;
};

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const escapes: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

// Sticky, so a long text is never copied to read one number or string run.
const plainRun = /[^"\\\u0000-\u001f]*/y;
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Validates `text` as one JSON value; returns the duplicate keys it saw when `keepLast`. */
function scan(text: string, options: ScanOptions): JsonDuplicate[] {
  const duplicates: JsonDuplicate[] = [];
  let pos = 0;

  const where = (index: number) => {
    const before = text.slice(0, index);
    const line = before.split("\n").length;
    const column = index - before.lastIndexOf("\n");
    return `line ${line}, column ${column}`;
  };
  const fail = (
    message: string,
    reason: StrictJsonFailureReason = "syntax",
    index = pos,
  ): never => {
    throw new ScanError(`${message} at ${where(index)}`, reason);
  };
  const skipSpace = () => {
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      pos += 1;
    }
  };
  const found = () =>
    pos >= text.length ? "the end of the text" : JSON.stringify(text[pos] as string);

  function readString(): string {
    pos += 1; // opening quote
    let out = "";
    for (;;) {
      plainRun.lastIndex = pos;
      plainRun.test(text);
      if (plainRun.lastIndex > pos) {
        out += text.slice(pos, plainRun.lastIndex);
        pos = plainRun.lastIndex;
      }
      const character = text[pos];
      if (character === undefined) return fail("unterminated string");
      if (character === '"') {
        pos += 1;
        return out;
      }
      if (character < " ") fail("control character in a string; escape it");
      // Only a backslash is left.
      const escape = text[pos + 1];
      if (escape === "u") {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
        continue;
      }
      const simple = escape === undefined ? undefined : escapes[escape];
      if (simple === undefined) return fail("invalid escape in a string");
      out += simple;
      pos += 2;
    }
  }

  function readNumber() {
    numberPattern.lastIndex = pos;
    const match = numberPattern.exec(text);
    if (!match) return fail(`unexpected ${found()}`);
    pos += match[0].length;
  }

  function readValue(path: string[], depth: number) {
    skipSpace();
    const character = text[pos];
    if (character === "{" || character === "[") {
      if (depth >= options.maxDepth)
        fail(`nested deeper than ${options.maxDepth} levels`, "too_deep");
      if (character === "{") readObject(path, depth + 1);
      else readArray(path, depth + 1);
    } else if (character === '"') readString();
    else if (character === "-" || (character !== undefined && character >= "0" && character <= "9"))
      readNumber();
    else {
      const literal = ["true", "false", "null"].find((word) => text.startsWith(word, pos));
      if (!literal) return fail(`expected a value, found ${found()}`);
      pos += literal.length;
    }
  }

  function readObject(path: string[], depth: number) {
    pos += 1;
    const seen = new Set<string>();
    skipSpace();
    if (text[pos] === "}") {
      pos += 1;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail(`expected a key in double quotes, found ${found()}`);
      const keyAt = pos;
      const key = readString();
      if (seen.has(key)) {
        const place = path.length ? `in ${shorten(path.join("."))}` : "at the top level";
        const duplicate = {
          path: path.join("."),
          key,
          message: `duplicate key "${shorten(key)}" ${place} at ${where(keyAt)}`,
        };
        if (!options.keepLast) throw new ScanError(duplicate.message, "duplicate_key", duplicate);
        duplicates.push(duplicate);
      }
      seen.add(key);
      skipSpace();
      if (text[pos] !== ":") fail(`expected ':' after a key, found ${found()}`);
      pos += 1;
      path.push(key);
      readValue(path, depth);
      path.pop();
      skipSpace();
      if (text[pos] === ",") {
        pos += 1;
        continue;
      }
      if (text[pos] === "}") {
        pos += 1;
        return;
      }
      fail(`expected ',' or '}', found ${found()}`);
    }
  }

  function readArray(path: string[], depth: number) {
    const openAt = pos;
    pos += 1;
    skipSpace();
    if (text[pos] === "]") {
      pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      if (index >= options.maxArrayLength) {
        const place = path.length ? `${shorten(path.join("."))} ` : "";
        fail(
          `array ${place}has more than ${options.maxArrayLength.toLocaleString("en-US")} entries`,
          "too_many_entries",
          openAt,
        );
      }
      path.push(String(index));
      readValue(path, depth);
      path.pop();
      skipSpace();
      if (text[pos] === ",") {
        pos += 1;
        continue;
      }
      if (text[pos] === "]") {
        pos += 1;
        return;
      }
      fail(`expected ',' or ']', found ${found()}`);
    }
  }

  skipSpace();
  if (pos >= text.length) fail("expected a JSON value, found nothing");
  readValue([], 0);
  skipSpace();
  if (pos < text.length) fail(`unexpected ${found()} after the JSON value`);
  return duplicates;
}

function run(text: string, options: StrictJsonOptions, keepLast: boolean): KeepingLastResult {
  const prefix = (message: string) => (options.label ? `${options.label}: ${message}` : message);
  if (text.length > options.maxLength) {
    return {
      ok: false,
      reason: "too_long",
      message: prefix(
        `is ${text.length.toLocaleString("en-US")} characters; at most ${options.maxLength.toLocaleString("en-US")} are accepted`,
      ),
    };
  }
  try {
    const duplicates = scan(text, {
      maxDepth: options.maxDepth ?? defaultMaxDepth,
      maxArrayLength: options.maxArrayLength ?? Number.POSITIVE_INFINITY,
      keepLast,
    });
    return { ok: true, value: JSON.parse(text) as unknown, duplicates };
  } catch (error) {
    if (error instanceof ScanError) {
      return {
        ok: false,
        reason: error.reason,
        message: prefix(error.message),
        ...(error.duplicate ? { duplicate: error.duplicate } : {}),
      };
    }
    // The scanner accepts only RFC 8259 text, so JSON.parse should never disagree.
    if (error instanceof SyntaxError) {
      return { ok: false, reason: "syntax", message: prefix("is not valid JSON") };
    }
    throw error;
  }
}

/** Parses JSON, refusing duplicate keys, deep nesting, long arrays and oversize text. */
export function parseStrictJson(text: string, options: StrictJsonOptions): StrictJsonResult {
  const result = run(text, options, false);
  return result.ok ? { ok: true, value: result.value } : result;
}

/**
 * Parses JSON the way IAM does (the last of two equal keys wins, like
 * JSON.parse) and lists every duplicate so the caller can flag it
 * (CLOUDS.md 2.5, 5.4). Grammar, depth and size are still enforced.
 */
export function parseJsonKeepingLast(
  text: string,
  options: StrictJsonOptions = { maxLength: 65_536 },
): KeepingLastResult {
  return run(text, options, true);
}
