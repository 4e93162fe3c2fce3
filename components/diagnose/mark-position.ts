// Where a refused paste breaks (issue 11 item 8): the server names a 1-based
// position in the normalised token; the box holds the paste as typed, with
// any outer whitespace and "Bearer " still in front. Pure, for unit tests.
import { normalizedOffset } from "@/lib/tokens/normalize";

/** Characters of context shown either side of the marked one. */
const context = 12;

export type MarkedPosition = {
  /** 1-based, as the server's message counts it. */
  position: number;
  /** 0-based index of the marked character in the paste, for the selection. */
  index: number;
  before: string;
  at: string;
  after: string;
};

/** The character at `position` of the normalised `paste` and a little text around it. */
export function markPosition(paste: string, position: number): MarkedPosition | null {
  const index = normalizedOffset(paste) + position - 1;
  if (!Number.isSafeInteger(position) || position < 1 || index >= paste.length) return null;
  const from = Math.max(0, index - context);
  return {
    position,
    index,
    before: `${from > 0 ? "…" : ""}${paste.slice(from, index)}`,
    at: paste.slice(index, index + 1),
    after: `${paste.slice(index + 1, index + 1 + context)}${index + 1 + context < paste.length ? "…" : ""}`,
  };
}
