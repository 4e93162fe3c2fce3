import { codePointEscape, hasUnseenCharacters, unseenCharacters } from "@/lib/sync/export/unseen";

// Comment lines of exported files. A name shown in a comment could hold a
// line break, which would end the comment and turn the rest into code: every
// control or invisible character is shown as \uNNNN instead.

export function commentText(value: string): string {
  return value.replace(unseenCharacters(), codePointEscape);
}

/** `# …` lines: what was exported and, when it applies, that some values hold unseen characters. */
export function commentHeader(lines: string[], values: string[]): string {
  const notes = hasUnseenCharacters(values)
    ? [
        "Some values hold line breaks, invisible or right-to-left characters. They are written",
        "exactly as the catalogue stores them: check them before you apply.",
      ]
    : [];
  return [...lines, ...notes].map((line) => `# ${commentText(line)}`.trimEnd()).join("\n");
}

/** Every string inside a JSON-like value (for the unseen-character note). */
export function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [key, ...stringsOf(item)]);
  }
  return [];
}
