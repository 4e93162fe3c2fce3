// Strict JSON (RFC 8259) for pasted trust statements. JSON.parse keeps the
// last of two equal keys; IAM silently keeps one too, and in a real case that
// dropped the sub check (CLOUDS.md 2.5, 5.4: alphagov/govuk-infrastructure#879).
// So a scanner walks the text first and refuses duplicates, naming the key and
// where it is; JSON.parse then builds the value.

/** Above IAM's largest trust-policy quota (4,096, CLOUDS.md 2.6) with room for indentation. */
export const policyJsonMaxLength = 10_240;
export const policyJsonMaxDepth = 32;

export type PolicyJsonParse = { ok: true; value: unknown } | { ok: false; message: string };

class JsonError extends Error {}

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function scan(text: string): void {
  let pos = 0;

  const where = (index: number) => {
    const before = text.slice(0, index);
    const line = before.split("\n").length;
    const column = index - before.lastIndexOf("\n");
    return `line ${line}, column ${column}`;
  };
  const fail = (message: string, index = pos): never => {
    throw new JsonError(`${message} at ${where(index)}`);
  };
  const skipSpace = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos] as string)) pos += 1;
  };
  const found = () =>
    pos >= text.length ? "the end of the text" : JSON.stringify(text[pos] as string);

  function readString(): string {
    pos += 1; // opening quote
    let out = "";
    for (;;) {
      const character = text[pos];
      if (character === undefined) fail("unterminated string");
      if (character === '"') {
        pos += 1;
        return out;
      }
      if ((character as string) < " ") fail("control character in a string; escape it");
      if (character === "\\") {
        const escape = text[pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (escape === "u") {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid \\u escape");
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
          continue;
        }
        if (escape === undefined || !(escape in simple)) fail("invalid escape in a string");
        out += simple[escape as string];
        pos += 2;
        continue;
      }
      out += character;
      pos += 1;
    }
  }

  function readNumber() {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) fail(`unexpected ${found()}`);
    pos += (match as RegExpExecArray)[0].length;
  }

  function readValue(path: string[], depth: number) {
    skipSpace();
    const character = text[pos];
    if (character === "{" || character === "[") {
      if (depth >= policyJsonMaxDepth) fail(`nested deeper than ${policyJsonMaxDepth} levels`);
      if (character === "{") readObject(path, depth + 1);
      else readArray(path, depth + 1);
    } else if (character === '"') readString();
    else if (character === "-" || (character !== undefined && character >= "0" && character <= "9"))
      readNumber();
    else {
      const literal = ["true", "false", "null"].find((word) => text.startsWith(word, pos));
      if (!literal) fail(`expected a value, found ${found()}`);
      pos += (literal as string).length;
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
        // IAM keeps only one of the two; the other is lost without a word.
        fail(`duplicate key "${shorten(key)}" ${place}`, keyAt);
      }
      seen.add(key);
      skipSpace();
      if (text[pos] !== ":") fail(`expected ':' after a key, found ${found()}`);
      pos += 1;
      readValue([...path, key], depth);
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
    pos += 1;
    skipSpace();
    if (text[pos] === "]") {
      pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      readValue([...path, String(index)], depth);
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
}

export function parsePolicyJson(text: string): PolicyJsonParse {
  if (text.length > policyJsonMaxLength) {
    return {
      ok: false,
      message: `is ${text.length.toLocaleString("en-US")} characters; at most ${policyJsonMaxLength.toLocaleString("en-US")} are accepted`,
    };
  }
  try {
    scan(text);
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (error instanceof JsonError) return { ok: false, message: error.message };
    if (error instanceof SyntaxError) return { ok: false, message: "is not valid JSON" };
    throw error;
  }
}
