// POSIX shell quoting for exported commands (POSIX.1-2017 XCU 2.2.2, Single
// Quotes: every character inside single quotes is literal, so the only
// character to handle is the single quote itself, written '\''). A NUL byte
// cannot be part of a command-line argument at all, so it is refused.

export class UnquotableValueError extends Error {
  override name = "UnquotableValueError";
}

// Words that need no quotes in any POSIX shell (no globbing, expansion or
// word splitting can touch them).
const bareWord = /^[A-Za-z0-9@%+=:,./_-]+$/;

export function shellQuote(value: string): string {
  if (value.includes("\u0000")) {
    throw new UnquotableValueError("a value holds a NUL character, which no shell can pass on");
  }
  if (bareWord.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `--flag=value` (the value quoted), or a switch alone when `value` is undefined. */
export type ShellFlag = { flag: string; value?: string };

/**
 * A command, one flag per line. Flags are written `--flag=value` so that a
 * value starting with '-' is never read as another flag by the CLI's parser.
 */
export function shellCommand(words: string[], flags: ShellFlag[]): string {
  const head = words.map(shellQuote).join(" ");
  const lines = flags.map(({ flag, value }) =>
    value === undefined ? `  ${flag}` : `  ${flag}=${shellQuote(value)}`,
  );
  return [head, ...lines].join(" \\\n");
}

/** Flags whose value is present, in order (optional ones are left out). */
export function shellFlags(entries: [string, string | undefined][]): ShellFlag[] {
  return entries.flatMap(([flag, value]) => (value === undefined ? [] : [{ flag, value }]));
}
