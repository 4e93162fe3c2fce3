import { describe, expect, it } from "vitest";
import { ZApiTokenCreateInput, ZApiTokenListQuery } from "@/lib/schemas/api-token";
import { issuesOf, parseOk } from "./zod-issues";

describe("ZApiTokenCreateInput", () => {
  it("accepts a name and role, trimming the name", () => {
    expect(parseOk(ZApiTokenCreateInput, { name: "  ci deploy ", role: "operator" })).toEqual({
      name: "ci deploy",
      role: "operator",
    });
  });

  it.each([
    ["a blank name", { name: " ", role: "viewer" }, "name", "is required"],
    [
      "a 101-character name",
      { name: "n".repeat(101), role: "viewer" },
      "name",
      "must be at most 100 characters",
    ],
    [
      "an unknown role",
      { name: "ci", role: "superuser" },
      "role",
      "must be viewer, operator or admin",
    ],
    ["a missing role", { name: "ci" }, "role", "must be viewer, operator or admin"],
  ])("rejects %s", (_label, input, path, message) => {
    expect(issuesOf(ZApiTokenCreateInput, input)).toEqual([{ path, message }]);
  });

  it("refuses a caller-chosen secret or owner", () => {
    const result = ZApiTokenCreateInput.safeParse({
      name: "ci",
      role: "viewer",
      token: "fl_chosen",
      createdBy: "someone",
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", keys: ["token", "createdBy"] }),
    ]);
  });
});

describe("ZApiTokenListQuery", () => {
  it("bounds the page size and refuses unknown parameters", () => {
    expect(parseOk(ZApiTokenListQuery, { limit: "100" })).toEqual({ limit: 100 });
    expect(issuesOf(ZApiTokenListQuery, { limit: "101" }).map((issue) => issue.path)).toEqual([
      "limit",
    ]);
    expect(ZApiTokenListQuery.safeParse({ revoked: "true" }).success).toBe(false);
  });
});
