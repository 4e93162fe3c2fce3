import { describe, expect, it } from "vitest";
import { parseJsonKeepingLast, parseStrictJson } from "@/lib/json/strict-json";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const options = { maxLength: 1_000 };

describe("parseStrictJson", () => {
  it.each([
    ["an object", '{"a":1,"b":[true,null,"x"]}'],
    ["numbers JSON.parse reads as Infinity", '{"exp":1e999,"nbf":-1e999}'],
    ["escapes and a surrogate pair", '"\\u00e9\\ud83d\\ude00\\n"'],
    ["a lone surrogate escape", '"\\ud800"'],
    ["a long number", `[${"9".repeat(500)}]`],
    ["whitespace around the value", ' \n\t{"a" : 1 }\r\n'],
  ])("parses %s exactly as JSON.parse does", (_label, text) => {
    expect(parseStrictJson(text, { maxLength: 2_000 })).toEqual({
      ok: true,
      value: JSON.parse(text),
    });
  });

  it.each([
    [
      "a duplicate at the top level",
      '{"sub":"a","sub":"b"}',
      "duplicate_key",
      'duplicate key "sub" at the top level at line 1, column 12',
    ],
    [
      "a nested duplicate",
      '{"kubernetes.io":{"pod":{"name":"a","name":"b"}}}',
      "duplicate_key",
      'duplicate key "name" in kubernetes.io.pod at line 1, column 37',
    ],
    [
      "33 levels of nesting",
      nested(33),
      "too_deep",
      "nested deeper than 32 levels at line 1, column 33",
    ],
    ["an unterminated string", '{"a":"b', "syntax", "unterminated string at line 1, column 8"],
    [
      "a byte order mark",
      '\ufeff{"a":1}',
      "syntax",
      'expected a value, found "\ufeff" at line 1, column 1',
    ],
  ])("refuses %s with reason %s", (_label, text, reason, message) => {
    expect(parseStrictJson(text, options)).toMatchObject({ ok: false, reason, message });
  });

  it("names the duplicate's path and key so callers can word their own message", () => {
    const result = parseStrictJson('{"a":{"b":1,"b":2}}', options);
    expect(result).toMatchObject({
      ok: false,
      duplicate: { path: "a", key: "b" },
    });
  });

  it("honours a smaller depth limit", () => {
    expect(parseStrictJson(nested(3), { ...options, maxDepth: 3 }).ok).toBe(true);
    expect(parseStrictJson(nested(4), { ...options, maxDepth: 3 })).toMatchObject({
      ok: false,
      reason: "too_deep",
    });
  });

  it("refuses an array longer than maxArrayLength and accepts one of exactly that length", () => {
    const list = (length: number) => `{"aud":[${Array(length).fill('"x"').join(",")}]}`;
    expect(parseStrictJson(list(3), { maxLength: 100, maxArrayLength: 3 }).ok).toBe(true);
    expect(parseStrictJson(list(4), { maxLength: 100, maxArrayLength: 3 })).toEqual({
      ok: false,
      reason: "too_many_entries",
      message: "array aud has more than 3 entries at line 1, column 8",
    });
  });

  it("refuses text longer than maxLength before reading it", () => {
    expect(parseStrictJson(`"${"a".repeat(20)}"`, { maxLength: 10 })).toEqual({
      ok: false,
      reason: "too_long",
      message: "is 22 characters; at most 10 are accepted",
    });
  });

  it("prefixes every message with the label", () => {
    expect(parseStrictJson("[1,]", { maxLength: 10, label: "header" })).toMatchObject({
      ok: false,
      message: 'header: expected a value, found "]" at line 1, column 4',
    });
    expect(parseStrictJson("[1]", { maxLength: 1, label: "claims" })).toMatchObject({
      message: "claims: is 3 characters; at most 1 are accepted",
    });
  });

  it("keeps __proto__ as an own key and leaves prototypes alone", () => {
    const result = parseStrictJson('{"__proto__":{"isAdmin":true},"constructor":1}', options);
    expect(result.ok).toBe(true);
    const value = (result as { value: object }).value;
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe("parseJsonKeepingLast", () => {
  it("keeps the last of two duplicates, as IAM and JSON.parse do, and lists every duplicate", () => {
    const text =
      '{"Condition":{\n"StringEquals":{"k:aud":"sts.amazonaws.com"},\n"StringEquals":{"k:sub":"repo:a/b:*"}},"Effect":"Allow","Effect":"Deny"}';
    const result = parseJsonKeepingLast(text);
    expect(result).toEqual({
      ok: true,
      value: JSON.parse(text),
      duplicates: [
        {
          path: "Condition",
          key: "StringEquals",
          message: 'duplicate key "StringEquals" in Condition at line 3, column 1',
        },
        {
          path: "",
          key: "Effect",
          message: 'duplicate key "Effect" at the top level at line 3, column 57',
        },
      ],
    });
    expect((result as { value: { Effect: string } }).value.Effect).toBe("Deny");
  });

  it("reports no duplicates for clean text", () => {
    expect(parseJsonKeepingLast('{"a":[{"b":1},{"b":2}]}')).toEqual({
      ok: true,
      value: { a: [{ b: 1 }, { b: 2 }] },
      duplicates: [],
    });
  });

  it.each([
    ["a syntax error", '{"a":1,}', "syntax"],
    ["deep nesting", nested(33), "too_deep"],
  ])("still refuses %s", (_label, text, reason) => {
    expect(parseJsonKeepingLast(text)).toMatchObject({ ok: false, reason });
  });

  it("refuses text over the default 64 KiB", () => {
    expect(parseJsonKeepingLast(`"${"a".repeat(65_536)}"`)).toMatchObject({
      ok: false,
      reason: "too_long",
    });
  });
});
