// Issuers that differ only by look-alike characters (SECURITY.md J18: a
// Cyrillic "і" for "i"). Clouds compare `iss` byte for byte, so such a token
// never matches; Fedlens names the catalogued issuer it imitates as a near
// miss and shows both spelled out. The skeleton follows the idea of Unicode
// TR39 §4 (compatibility-normalise, drop invisible format characters, map
// each look-alike to the Latin letter it imitates) with a small table of the
// Cyrillic and Greek letters that pass for Latin ones in URLs; it is not the
// full confusables.txt.

// Each character of the first string passes for the Latin letter at the same
// place in the second.
const lookAlikeRows: [string, string][] = [
  // Cyrillic
  ["аеіјорсухԁһӏԛѕԝԍүАВЕЅІЈКМНОРСТУХԚԜ", "aeijopcyxdhlqswgyABESIJKMHOPCTYXQW"],
  // Greek
  ["αικνορυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aikvopuxABEZHIKMNOPTYX"],
  // Latin letters that stand in for others
  ["ıȷſ", "ijs"],
];

const latinLookAlikes = new Map(
  lookAlikeRows.flatMap(([from, to]) =>
    Array.from(from, (character, index) => [character, to[index] as string] as const),
  ),
);

const formatCharacter = /\p{Cf}/u;

/** `text` with look-alikes replaced by the Latin letters they imitate; equal skeletons look alike. */
export function latinSkeleton(text: string): string {
  let skeleton = "";
  for (const character of text.normalize("NFKC")) {
    if (formatCharacter.test(character)) continue;
    skeleton += latinLookAlikes.get(character) ?? character;
  }
  return skeleton;
}

/** Whether two different strings differ only by look-alike or invisible characters. */
export function isConfusable(a: string, b: string): boolean {
  return a !== b && latinSkeleton(a) === latinSkeleton(b);
}

/** Every character outside printable ASCII as a \uXXXX escape (\u{XXXXX} past the BMP). */
export function escapeNonAscii(text: string): string {
  let escaped = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) escaped += character;
    else if (code <= 0xffff) escaped += `\\u${code.toString(16).padStart(4, "0")}`;
    else escaped += `\\u{${code.toString(16)}}`;
  }
  return escaped;
}

/** The host of a URL-looking issuer as DNS sees it (xn-- punycode, RFC 3492), or null. */
export function asciiHost(iss: string): string | null {
  try {
    return new URL(iss).hostname || null;
  } catch {
    return null;
  }
}
