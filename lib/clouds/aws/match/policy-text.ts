import { parsePolicyJson, policyJsonMaxLength } from "@/lib/clouds/aws/policy-json";

// A trust policy pasted as text, read the way IAM reads it: when an object
// repeats a key, the LAST one wins and the earlier ones vanish without a word
// (CLOUDS.md 2.5 and 5.4; alphagov/govuk-infrastructure#879 lost its sub check
// that way). JSON.parse has the same rule (ECMA-262 JSON.parse, last key
// wins); a scan over the already-valid text lists the repeated keys so the
// evaluator can flag them.

export type PolicyText =
  { ok: true; value: unknown; duplicateKeys: string[] } | { ok: false; message: string };

function duplicatePaths(text: string): string[] {
  const found: string[] = [];
  let pos = 0;
  const skipSpace = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos] as string)) pos += 1;
  };
  // The text is valid JSON here, so strings only need their end found and decoding.
  const readString = (): string => {
    const start = pos;
    pos += 1;
    while (text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    pos += 1;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const readValue = (path: string) => {
    skipSpace();
    const character = text[pos];
    if (character === "{") return readObject(path);
    if (character === "[") return readArray(path);
    if (character === '"') return void readString();
    while (pos < text.length && !",]} \t\n\r".includes(text[pos] as string)) pos += 1;
  };
  const readObject = (path: string) => {
    pos += 1;
    const seen = new Set<string>();
    for (;;) {
      skipSpace();
      if (text[pos] === "}") return void (pos += 1);
      if (text[pos] === ",") pos += 1;
      skipSpace();
      const key = readString();
      const keyPath = path ? `${path}.${key}` : key;
      if (seen.has(key)) found.push(keyPath);
      seen.add(key);
      skipSpace();
      pos += 1; // ':'
      readValue(keyPath);
    }
  };
  const readArray = (path: string) => {
    pos += 1;
    for (let index = 0; ; index += 1) {
      skipSpace();
      if (text[pos] === "]") return void (pos += 1);
      if (text[pos] === ",") pos += 1;
      readValue(`${path}[${index}]`);
    }
  };
  readValue("");
  return [...new Set(found)];
}

/** Parses policy text as IAM does (last duplicate key wins) and lists the keys it repeats. */
export function parsePolicyText(text: string): PolicyText {
  if (text.length > policyJsonMaxLength) {
    return {
      ok: false,
      message: `is ${text.length.toLocaleString("en-US")} characters; at most ${policyJsonMaxLength.toLocaleString("en-US")} are accepted`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    // The strict scanner names the line and column of the syntax error.
    const strict = parsePolicyJson(text);
    return { ok: false, message: strict.ok ? "is not valid JSON" : strict.message };
  }
  return { ok: true, value, duplicateKeys: duplicatePaths(text) };
}
