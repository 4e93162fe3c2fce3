import { describe, expect, it } from "vitest";
import { auditExportHref } from "@/components/audit/audit-export-links";
import { toChainReport } from "@/lib/audit/chain-report";

const at = new Date("2026-12-06T06:00:00.000Z");

describe("toChainReport", () => {
  it("reports a holding chain with its count and head", () => {
    const head = { seq: "9", hash: "f".repeat(64) };
    expect(toChainReport({ ok: true, count: 9, legacyCount: 2, head }, at)).toEqual({
      ok: true,
      checked: 9,
      brokenSeq: null,
      reason: null,
      head,
      verifiedAt: "2026-12-06T06:00:00.000Z",
    });
  });

  it("reports a break with its seq and reason and no head", () => {
    expect(
      toChainReport({ ok: false, count: 3, brokenSeq: "4", reason: "content does not match" }, at),
    ).toEqual({
      ok: false,
      checked: 3,
      brokenSeq: "4",
      reason: "content does not match",
      head: null,
      verifiedAt: "2026-12-06T06:00:00.000Z",
    });
  });
});

describe("auditExportHref", () => {
  it("carries the filters in force and the format, never the page cursor", () => {
    const href = auditExportHref("csv", {
      action: "issuer.update",
      entityId: "a b&c",
      from: "2026-01-01T00:00",
      actorId: undefined,
      ...{ cursor: "eyJzZXEiOiI0MiJ9" },
    });
    const url = new URL(href, "http://localhost");
    expect(url.pathname).toBe("/api/v1/audit/export");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: "csv",
      action: "issuer.update",
      entityId: "a b&c",
      from: "2026-01-01T00:00",
    });
  });
});
