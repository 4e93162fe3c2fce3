// A strict RFC 4180 reader for the audit export's CSV: every field quoted,
// "" for a quote inside one, CRLF after every record. Anything else throws,
// so a test reading the export also checks its framing.

export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let at = 0;
  const fail = (what: string) => {
    throw new Error(`CSV: ${what} at offset ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
  };
  while (at < text.length) {
    const record: string[] = [];
    for (;;) {
      if (text[at] !== '"') fail("expected an opening quote");
      let field = "";
      at += 1;
      for (;;) {
        const next = text.indexOf('"', at);
        if (next < 0) fail("unterminated field");
        field += text.slice(at, next);
        if (text[next + 1] === '"') {
          field += '"';
          at = next + 2;
        } else {
          at = next + 1;
          break;
        }
      }
      record.push(field);
      if (text[at] === ",") {
        at += 1;
        continue;
      }
      if (text.slice(at, at + 2) !== "\r\n") fail("expected , or CRLF");
      at += 2;
      break;
    }
    records.push(record);
  }
  return records;
}
