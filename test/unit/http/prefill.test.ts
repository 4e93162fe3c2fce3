import { z } from "zod";
import { describe, expect, it } from "vitest";
import { decodePrefill, encodePrefill } from "@/lib/http/prefill";

const schema = z.object({ subject: z.string().min(1) }).strict();

describe("form prefill links", () => {
  it("round-trips values the form's schema accepts", () => {
    expect(decodePrefill(encodePrefill({ subject: "repo:a/b:environment:prod" }), schema)).toEqual({
      subject: "repo:a/b:environment:prod",
    });
  });

  it.each([
    ["absent", undefined],
    ["not base64 JSON", "%%%"],
    ["what the schema refuses", encodePrefill({ subject: "", extra: 1 })],
    ["too long", encodePrefill({ subject: "x".repeat(9000) })],
  ])("ignores a value that is %s", (_label, raw) => {
    expect(decodePrefill(raw, schema)).toBeUndefined();
  });
});
