// Google counts mapping and attribute limits in UTF-8 bytes (CLOUDS.md 3.3).
// The evaluator measures every mapped value of every token, so the length is
// counted from the UTF-16 code units rather than by encoding a copy.

function isSurrogatePair(value: string, index: number): boolean {
  const high = value.charCodeAt(index);
  const low = value.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** The text's length in UTF-8, as TextEncoder would encode it (a lone surrogate as U+FFFD). */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isSurrogatePair(value, index)) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}
