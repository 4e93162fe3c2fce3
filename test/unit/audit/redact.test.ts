import { describe, expect, it } from "vitest";
import { redactSnapshot } from "@/lib/audit/redact";

describe("redactSnapshot", () => {
  it.each([
    "passwordHash",
    "tokenHash",
    "hash",
    "clientSecret",
    "secret",
    "password",
    "token",
    "TOKEN",
  ])("drops %s at the top level and deep inside objects and arrays", (key) => {
    const snapshot = {
      [key]: "x",
      keep: 1,
      nested: { [key]: "x", keep: 2, deeper: [{ [key]: "x", keep: 3 }] },
    };
    expect(redactSnapshot(snapshot)).toEqual({
      keep: 1,
      nested: { keep: 2, deeper: [{ keep: 3 }] },
    });
  });

  it("keeps the fields that only describe a token", () => {
    const token = {
      id: "t1",
      name: "ci",
      prefix: "fl_Ab12Cd",
      tokenPrefix: "fl_Ab12Cd",
      role: "viewer",
    };
    expect(redactSnapshot(token)).toEqual(token);
  });

  it("turns dates into ISO strings and bigints into strings, at any depth", () => {
    const at = new Date("2026-03-04T05:06:07.000Z");
    expect(redactSnapshot({ createdAt: at, seq: 12n, nested: [{ at }] })).toEqual({
      createdAt: "2026-03-04T05:06:07.000Z",
      seq: "12",
      nested: [{ at: "2026-03-04T05:06:07.000Z" }],
    });
  });

  it("drops undefined fields and keeps nulls, so the snapshot is valid JSON", () => {
    expect(redactSnapshot({ a: undefined, b: null, c: "" })).toEqual({ b: null, c: "" });
  });

  it.each([
    [undefined, null],
    [null, null],
    ["text", "text"],
    [0, 0],
    [false, false],
  ])("passes the scalar %j through as %j", (value, expected) => {
    expect(redactSnapshot(value)).toBe(expected);
  });
});
