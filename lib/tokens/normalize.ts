// Normalise for convenience, then cap (SECURITY.md 1.1 steps 1–2): outer
// whitespace and a leading "Bearer " are what people copy along with a token;
// anything else inside is the classifier's business. The size cap comes before
// any decoding: jose has none, and a 13 MiB token cost 94 MiB of RSS [lab].
import { tokenProblem, type TokenProblem } from "@/lib/tokens/problems";

/** 16 KiB; real workload tokens are 1–3 KiB (SECURITY.md 1.1 step 1). */
export const maxTokenBytes = 16_384;

export type NormalizedToken = { ok: true; text: string } | { ok: false; problem: TokenProblem };

const bearerPrefix = /^bearer +/i;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      // A surrogate pair is one 4-byte code point; a lone surrogate becomes U+FFFD (3 bytes).
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function tooLarge(size: string): TokenProblem {
  return tokenProblem(
    "too_large",
    `The token is ${size}; Fedlens accepts at most ${maxTokenBytes.toLocaleString("en-US")} bytes (16 KiB). Workload tokens are 1–3 KiB.`,
  );
}

/** Where the normalised token starts in `input`, to find a position it names in the paste. */
export function normalizedOffset(input: string): number {
  const leading = input.length - input.trimStart().length;
  return leading + (bearerPrefix.exec(input.trim())?.[0].length ?? 0);
}

export function normalizeToken(input: string): NormalizedToken {
  // Trimming is linear and allocation-free; a string longer than the cap
  // plus generous padding is refused without looking further.
  if (input.length > maxTokenBytes * 4) {
    return { ok: false, problem: tooLarge(`${input.length.toLocaleString("en-US")} characters`) };
  }
  let text = input.trim();
  text = text.replace(bearerPrefix, "");
  const bytes = utf8Length(text);
  if (bytes > maxTokenBytes) {
    return { ok: false, problem: tooLarge(`${bytes.toLocaleString("en-US")} bytes`) };
  }
  return { ok: true, text };
}
