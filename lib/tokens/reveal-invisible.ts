// What the screen shows is what the token holds (SECURITY.md J29): a
// character that prints as nothing or as something else (controls, format
// characters such as zero-width and bidi overrides, line and paragraph
// separators, spaces other than the ASCII one, lone surrogates) is shown as
// its code point. Inside a highlighted difference, combining marks too: alone
// they draw on the character before them. Pure: runs in the browser and in
// unit tests; components/ui/visible-text.tsx is the one component using it.

const hidden = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]/u;
const hiddenInDiff = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Zs}\p{M}]/u;

export type RevealOptions = {
  /** Inside a highlighted difference: ASCII spaces as "␣", combining marks as code points. */
  inDiff?: boolean;
};

/** A run of text as it prints, or one character shown as its code point. */
export type VisibleRun = { text: string; codePoint?: string };

/** ⟨U+XXXX⟩: how the console writes a character that does not print. */
export function codePointLabel(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

/** `text` split into printable runs and hidden characters, each of those labelled. */
export function visibleRuns(text: string, { inDiff = false }: RevealOptions = {}): VisibleRun[] {
  const pattern = inDiff ? hiddenInDiff : hidden;
  const runs: VisibleRun[] = [];
  let plain = "";
  for (const character of text) {
    if (character === " " || !pattern.test(character)) {
      plain += character === " " && inDiff ? "␣" : character;
      continue;
    }
    if (plain) runs.push({ text: plain });
    plain = "";
    runs.push({
      text: codePointLabel(character),
      codePoint: codePointLabel(character).slice(1, -1),
    });
  }
  if (plain) runs.push({ text: plain });
  return runs;
}

/** `text` with every hidden character written as ⟨U+XXXX⟩, for plain-string places (titles). */
export function revealInvisible(text: string, options: RevealOptions = {}): string {
  return visibleRuns(text, options)
    .map((run) => run.text)
    .join("");
}
