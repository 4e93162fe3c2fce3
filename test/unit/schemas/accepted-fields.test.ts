import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  hasOnlyKeys,
  plainRecordCopy,
  rememberedTextList,
  rememberedTextRecord,
  rememberedValue,
  rememberingLastText,
} from "@/lib/schemas/accepted-fields";

// Readers standing in for a field's schema: the schema's output for what it
// accepts, undefined otherwise, each answer worked out once per value.

function counted(schema: z.ZodType) {
  return vi.spyOn(schema as { safeParse: z.ZodType["safeParse"] }, "safeParse");
}

describe("rememberedValue", () => {
  it("gives the schema's output, asking it once per text, true, false, null or undefined", () => {
    const schema = z.string().trim().min(2).nullable().default("dflt");
    const parses = counted(schema);
    const read = rememberedValue(schema);
    for (let round = 0; round < 3; round += 1) {
      expect(read(" ab ")).toBe("ab");
      expect(read("a")).toBeUndefined();
      expect(read(null)).toBeNull();
      expect(read(undefined)).toBe("dflt");
      expect(read(true)).toBeUndefined();
    }
    expect(parses).toHaveBeenCalledTimes(5);
  });

  it("parses other values, and texts over the length limit, every time", () => {
    const schema = z.union([z.string(), z.number()]);
    const parses = counted(schema);
    const read = rememberedValue(schema, { maxKeyLength: 3 });
    expect([read(1), read(1), read("long"), read("long")]).toEqual([1, 1, "long", "long"]);
    expect(parses).toHaveBeenCalledTimes(4);
  });

  it("gives a default list anew each time, as the schema does", () => {
    const read = rememberedValue(z.array(z.string()).default([]));
    const first = read(undefined);
    expect(first).toEqual([]);
    expect(read(undefined)).not.toBe(first);
  });
});

describe("rememberingLastText", () => {
  it("answers the text it was last given again without reading it, when the answer is a scalar", () => {
    const read = vi.fn((value: unknown) =>
      value === "list" ? [value] : value === "bad" ? undefined : `${String(value)}!`,
    );
    const last = rememberingLastText(read, 4);
    expect([last("a"), last("a"), last("bad"), last("bad"), last("a")]).toEqual([
      "a!",
      "a!",
      undefined,
      undefined,
      "a!",
    ]);
    expect(read).toHaveBeenCalledTimes(3);
    const list = last("list");
    expect(last("list")).not.toBe(list);
    expect([last("longer"), last("longer"), last(1), last(1)]).toEqual([
      "longer!",
      "longer!",
      "1!",
      "1!",
    ]);
    expect(read).toHaveBeenCalledTimes(9);
  });
});

describe("rememberedTextList", () => {
  it("gives the schema's output in a list of its own, asking once per list", () => {
    const schema = z.array(z.string().toLowerCase()).max(2);
    const parses = counted(schema);
    const read = rememberedTextList(schema);
    const first = read(["A", "B"]);
    expect(first).toEqual(["a", "b"]);
    expect(read(["A", "B"])).not.toBe(first);
    expect(read(["A", "B", "C"])).toBeUndefined();
    expect(read(["A", "B"])).toEqual(["a", "b"]);
    expect(read({ 0: "A", 1: "B", length: 2 })).toBeUndefined();
    expect(parses).toHaveBeenCalledTimes(3);
  });

  it("parses what is not a list of texts", () => {
    const read = rememberedTextList(z.array(z.object({ a: z.number() })));
    expect(read([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(read([1, "a"])).toBeUndefined();
    expect(read([, "a"])).toBeUndefined();
  });
});

describe("rememberedTextRecord", () => {
  it("gives the schema's output in an object of its own, keys in order, seeing edits in place", () => {
    const read = rememberedTextRecord(z.record(z.string(), z.string().max(3)));
    const mapping: Record<string, string> = { b: "1", a: "2" };
    const first = read(mapping) as Record<string, string>;
    expect(Object.keys(first)).toEqual(["b", "a"]);
    expect(read(mapping)).not.toBe(first);
    mapping.a = "long";
    expect(read(mapping)).toBeUndefined();
    mapping.a = "2";
    expect(read({ a: "2", b: "1" })).toEqual({ a: "2", b: "1" });
    expect(Object.keys(read({ a: "2", b: "1" }) as object)).toEqual(["a", "b"]);
  });
});

describe("plainRecordCopy", () => {
  const record = z.record(z.string(), z.unknown());
  const symbol = Symbol("s");
  const hidden = Object.defineProperty({ a: 1 }, "hidden", { value: 2, enumerable: false });
  const cases: [string, unknown][] = [
    ["plain", { b: 1, a: { deep: true }, 2: "two", 1: "one" }],
    ["null prototype", Object.assign(Object.create(null), { a: 1 })],
    ["non-enumerable key", hidden],
    ["constructor key", { constructor: "x" }],
    ["class instance", new (class Policy {})()],
    ["date", new Date(0)],
    ["list", []],
  ];

  it.each(cases)("copies a %s as the record schema does", (_, value) => {
    const parsed = record.safeParse(value);
    const copy = plainRecordCopy(value);
    expect(copy).toStrictEqual(parsed.success ? parsed.data : undefined);
    if (copy) expect(Reflect.ownKeys(copy)).toEqual(Reflect.ownKeys(parsed.data ?? {}));
  });

  it("leaves a symbol key or a __proto__ key to the schema", () => {
    expect(plainRecordCopy({ a: 1, [symbol]: 2 })).toBeUndefined();
    expect(plainRecordCopy(JSON.parse('{"__proto__": {"Version": "x"}}'))).toBeUndefined();
  });
});

describe("hasOnlyKeys", () => {
  it("looks at inherited keys too, as zod's strict check (for…in) does", () => {
    const keys = new Set(["a"]);
    expect(hasOnlyKeys({ a: 1 }, keys)).toBe(true);
    expect(hasOnlyKeys(Object.assign(Object.create({ b: 1 }), { a: 1 }), keys)).toBe(false);
    expect(hasOnlyKeys([], keys)).toBe(false);
    expect(hasOnlyKeys(null, keys)).toBe(false);
  });
});
