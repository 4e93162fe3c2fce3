import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { etagFor, parseIfMatch } from "@/lib/http/route";

describe("parseIfMatch", () => {
  it("is undefined when the header is absent", () => {
    expect(parseIfMatch(null)).toBeUndefined();
  });

  it.each([
    ['"v3"', 3],
    ['W/"v3"', 3],
    ["3", 3],
    ["v3", 3],
    ['  "v12"  ', 12],
    ['"v999999999"', 999_999_999],
  ])("reads %j as version %i", (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it.each(["", "*", '"v"', '"vx"', '"v1234567890"', '"v3", "v4"', '"v-1"', "v3.5"])(
    "refuses %j with 400",
    (header) => {
      let caught: unknown;
      try {
        parseIfMatch(header);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).status).toBe(400);
      expect((caught as AppError).message).toBe('If-Match must be the ETag from a GET, e.g. "v3".');
    },
  );
});

describe("etagFor", () => {
  it.each([0, 1, 42])(
    "issues a strong ETag that parseIfMatch reads back (version %i)",
    (version) => {
      expect(etagFor(version)).toBe(`"v${version}"`);
      expect(parseIfMatch(etagFor(version))).toBe(version);
    },
  );
});
