import { describe, expect, it } from "vitest";
import {
  auditCsvColumns,
  auditCsvHeader,
  auditCsvLine,
  auditJsonLine,
} from "@/lib/audit/audit-export-format";
import { csvCell, csvRow } from "@/lib/audit/csv";
import type { TAuditEvent } from "@/lib/schemas/audit";
import { readCsv } from "@/test/support/audit/read-csv";

describe("csvCell", () => {
  it.each([
    ["=1+1", `"'=1+1"`],
    ['=HYPERLINK("https://evil.example","x")', `"'=HYPERLINK(""https://evil.example"",""x"")"`],
    ["+SUM(A1)", `"'+SUM(A1)"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
  ])("defuses a cell that starts a formula: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ["plain", `"plain"`],
    ["", `""`],
    ["a=b", `"a=b"`],
    [" =1", `" =1"`],
    ["'already", `"'already"`],
    ['say "hi"', `"say ""hi"""`],
    ["a,b", `"a,b"`],
    ["line\r\nbreak", `"line\r\nbreak"`],
  ])("quotes and leaves the rest as it is: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes NUL and lone surrogates visibly instead of failing or emitting bad UTF-8", () => {
    const cell = csvCell("a\u0000b\ud800c\udfffd");
    expect(cell).toBe(`"a⟨U+0000⟩b⟨U+D800⟩c⟨U+DFFF⟩d"`);
    expect(Buffer.from(cell, "utf8").toString("utf8")).toBe(cell);
  });

  it("keeps paired surrogates, bidi controls and zero-width characters as data", () => {
    const value = "🔐 admin\u202Etxt.exe\u200B\u2066x\u2069";
    expect(csvCell(value)).toBe(`"${value}"`);
  });

  it("reads back, through a strict reader, exactly what was written", () => {
    const values = ['x "y"', "a,b", "c\r\nd", "=e", "", "🔐"];
    expect(readCsv(csvRow(values))).toEqual([['x "y"', "a,b", "c\r\nd", "'=e", "", "🔐"]]);
  });
});

const event: TAuditEvent = {
  seq: "42",
  occurredAt: "2026-12-01T10:00:00.000Z",
  actor: { type: "token", id: "t1", label: "=cmd|' /C calc'!A0", role: "operator" },
  action: "issuer.update",
  entity: { type: "issuer", id: "i1" },
  requestId: "req-1",
  before: { name: "old" },
  after: { name: 'new\u202E, "quoted"\nline', note: "a\u0000b\ud800" },
  hash: "ab".repeat(32),
};

describe("audit export lines", () => {
  it("makes one CSV record per event, column for column with the header", () => {
    const [header, row] = readCsv(auditCsvHeader() + auditCsvLine(event));
    expect(header).toEqual([...auditCsvColumns]);
    expect(row).toHaveLength(auditCsvColumns.length);
    const cell = (name: (typeof auditCsvColumns)[number]) => row?.[auditCsvColumns.indexOf(name)];
    expect(cell("seq")).toBe("42");
    expect(cell("actor_label")).toBe("'=cmd|' /C calc'!A0");
    expect(cell("actor_role")).toBe("operator");
    expect(JSON.parse(cell("before") ?? "")).toEqual({ name: "old" });
    // JSON escapes the NUL and the lone surrogate; nothing is lost.
    expect(JSON.parse(cell("after") ?? "")).toEqual(event.after);
  });

  it("writes an absent snapshot as an empty cell", () => {
    const [row] = readCsv(auditCsvLine({ ...event, before: null }));
    expect(row?.[auditCsvColumns.indexOf("before")]).toBe("");
  });

  it("makes one JSON line per event that reads back as the event, strange characters included", () => {
    const line = auditJsonLine(event);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(line).toContain("\\u0000");
    expect(line).toContain("\\ud800");
    expect(JSON.parse(line)).toEqual(event);
  });
});
