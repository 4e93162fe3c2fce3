import { describe, expect, it } from "vitest";
import { ZAuditQuery } from "@/lib/schemas/audit";
import { issuesOf, parseOk } from "./zod-issues";

describe("ZAuditQuery", () => {
  it("defaults to a first page of 25 with no filters", () => {
    expect(parseOk(ZAuditQuery, {})).toEqual({ limit: 25 });
  });

  it.each([
    ["a zone-less date-time as UTC", "2026-03-04T05:06", "2026-03-04T05:06:00.000Z"],
    ["zone-less seconds as UTC", "2026-03-04T05:06:07", "2026-03-04T05:06:07.000Z"],
    ["an explicit Z", "2026-03-04T05:06:07Z", "2026-03-04T05:06:07.000Z"],
    ["a positive offset", "2026-03-04T05:06:07+02:00", "2026-03-04T03:06:07.000Z"],
    ["a negative offset", "2026-03-04T05:06:07-05:00", "2026-03-04T10:06:07.000Z"],
    ["a bare date as UTC midnight", "2026-03-04", "2026-03-04T00:00:00.000Z"],
  ])("reads %s", (_label, from, iso) => {
    expect(parseOk(ZAuditQuery, { from }).from?.toISOString()).toBe(iso);
  });

  it.each(["yesterday", "2026-13-45T99:00", "T"])(
    "reports a garbage date %j on its field",
    (to) => {
      expect(issuesOf(ZAuditQuery, { to })).toEqual([
        { path: "to", message: "must be an ISO 8601 date or date-time" },
      ]);
    },
  );

  it("treats blank filters from an empty form as absent", () => {
    expect(parseOk(ZAuditQuery, { from: "", to: " ", action: "", actorId: "  " })).toEqual({
      limit: 25,
    });
  });

  it("trims text filters", () => {
    expect(parseOk(ZAuditQuery, { action: " issuer.create ", entityType: "issuer" })).toEqual({
      action: "issuer.create",
      entityType: "issuer",
      limit: 25,
    });
  });

  it.each([
    ["a 101-character action", { action: "a".repeat(101) }, "action"],
    ["a 41-character date", { from: "2026-03-04T05:06:07.".padEnd(41, "0") }, "from"],
    ["an unknown filter", { actor: "me" }, ""],
  ])("rejects %s", (_label, query, path) => {
    expect(issuesOf(ZAuditQuery, query).map((issue) => issue.path)).toEqual([path]);
  });
});
