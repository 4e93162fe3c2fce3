import { toStorableText } from "@/lib/http/find-unstorable-text";

// CSV for the audit export: RFC 4180 fields (https://www.rfc-editor.org/rfc/rfc4180#section-2)
// made safe to open in a spreadsheet. A cell that starts with = + - @ tab or
// CR can run as a formula, so it gets a leading apostrophe, and every cell is
// quoted so that a separator inside it cannot start a new cell
// (https://owasp.org/www-community/attacks/CSV_Injection).

const formulaStart = /^[=+\-@\t\r]/;

/**
 * One field, quoted, with its quotes doubled and a formula start defused.
 * NUL (which ends strings in some readers) and lone surrogates (which have no
 * UTF-8 form) are written visibly as ⟨U+0000⟩, as everywhere else in Fedlens.
 */
export function csvCell(value: string): string {
  const readable = toStorableText(value);
  const defused = formulaStart.test(readable) ? `'${readable}` : readable;
  return `"${defused.replaceAll('"', '""')}"`;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly string[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
