import { describe, expect, it } from "vitest";
import { requestIdFrom } from "@/lib/http/request-id";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const withId = (id: string) => new Headers({ "x-request-id": id });

describe("requestIdFrom", () => {
  it.each([
    "3f2a7c1e-9b4d-4e8a-a1c2-5d6e7f8a9b0c",
    "abcd1234",
    "trace.01:span_02-x",
    "a".repeat(64),
  ])("keeps the caller's id %s", (id) => {
    expect(requestIdFrom(withId(id))).toBe(id);
  });

  it.each([
    ["too short", "abc1234"],
    ["too long", "a".repeat(65)],
    ["a forged log field", 'abcdefgh" level=error msg="admin signed in'],
    ["HTML", "<script>alert(1)</script>"],
    ["a space", "abcd 1234"],
    ["non-ASCII", "abcdéfgh1"],
    ["empty", ""],
  ])("replaces an id that is %s with a fresh UUID", (_label, id) => {
    const result = requestIdFrom(withId(id));
    expect(result).toMatch(uuid);
    expect(result).not.toBe(id);
  });

  it("makes a fresh UUID per request when none is sent", () => {
    const first = requestIdFrom(new Headers());
    expect(first).toMatch(uuid);
    expect(requestIdFrom(new Headers())).not.toBe(first);
  });
});
