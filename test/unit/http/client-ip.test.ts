import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";

describe("clientIp", () => {
  it.each([
    ["the only address", "203.0.113.7", "203.0.113.7"],
    [
      "the right-most address, which our proxy appended",
      "198.51.100.1, 203.0.113.7",
      "203.0.113.7",
    ],
    ["a forged left-most entry ignored", "10.0.0.1,10.0.0.2 , 203.0.113.7 ", "203.0.113.7"],
    ["an IPv6 address", "2001:db8::1", "2001:db8::1"],
  ])("takes %s", (_label, header, expected) => {
    expect(clientIp(new Headers({ "x-forwarded-for": header }))).toBe(expected);
  });

  it.each([
    ["no header", new Headers()],
    ["an empty header", new Headers({ "x-forwarded-for": "" })],
    ["a trailing comma", new Headers({ "x-forwarded-for": "203.0.113.7," })],
  ])("answers unknown for %s", (_label, headers) => {
    expect(clientIp(headers)).toBe("unknown");
  });
});
