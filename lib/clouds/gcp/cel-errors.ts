// Words for a CEL syntax error that name the problem. The parser (cel-es)
// reports only where it stopped and the character there, which for an
// unclosed parenthesis is some earlier '.' or '&'; so brackets and string
// literals are checked first, then the usual slips, then the parser's stop.

const closerOf: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const quoted = (text: string) => (text === "'" ? `"'"` : `'${text}'`);

type Position = { offset: number; line: number; column: number };

function positionsOf(text: string): Position[] {
  const positions: Position[] = [];
  let line = 1;
  let column = 1;
  for (let offset = 0; offset < text.length; offset++) {
    positions.push({ offset, line, column });
    if (text[offset] === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return positions;
}

function at({ line, column }: Position, hasLines: boolean): string {
  return hasLines ? `line ${line}, column ${column}` : `column ${column}`;
}

/** Unbalanced brackets, unclosed strings or a lone '='; null when none. */
export function celStructureError(expression: string): string | null {
  const positions = positionsOf(expression);
  const hasLines = expression.includes("\n");
  const open: { char: string; position: Position }[] = [];
  for (let index = 0; index < expression.length; index++) {
    const char = expression[index] ?? "";
    const position = positions[index] as Position;
    if (char === "'" || char === '"') {
      const quote = expression.startsWith(char.repeat(3), index) ? char.repeat(3) : char;
      let end = index + quote.length;
      while (end < expression.length && !expression.startsWith(quote, end)) {
        if (expression[end] === "\\") end++;
        else if (quote.length === 1 && expression[end] === "\n") end = expression.length;
        end++;
      }
      if (end >= expression.length)
        return `the string opened at ${at(position, hasLines)} is never closed`;
      index = end + quote.length - 1;
    } else if (char in closerOf) {
      open.push({ char, position });
    } else if (char === ")" || char === "]" || char === "}") {
      const last = open.pop();
      if (!last) return `the ${quoted(char)} at ${at(position, hasLines)} closes nothing`;
      if (closerOf[last.char] !== char)
        return `the ${quoted(last.char)} at ${at(last.position, hasLines)} is closed by ${quoted(char)} at ${at(position, hasLines)}`;
    } else if (char === "=" && !/[=!<>]/.test(expression[index - 1] ?? "")) {
      if (expression[index + 1] !== "=")
        return `'=' at ${at(position, hasLines)} is not a CEL operator: compare with '=='`;
      index++;
    }
  }
  const unclosed = open.pop();
  return unclosed
    ? `the ${quoted(unclosed.char)} at ${at(unclosed.position, hasLines)} is never closed`
    : null;
}

/** The parser's stop in words: an operator left without its right-hand value, or the character. */
export function celStopError(
  expression: string,
  found: string | null | undefined,
  line: number | undefined,
  column: number | undefined,
): string {
  const where =
    line && column ? (line > 1 ? ` (line ${line}, column ${column})` : ` (column ${column})`) : "";
  if (!found) return `the expression ends too early${where}`;
  const offset =
    line && column
      ? positionsOf(expression).find((p) => p.line === line && p.column === column)?.offset
      : undefined;
  const rest = offset === undefined ? "" : expression.slice(offset).trim();
  if (rest && /^[=!<>&|+\-*/%?:.,]+$/.test(rest))
    return `the expression ends after ${quoted(rest)}: a value is missing${where}`;
  const first = [...found][0] ?? "";
  if (first === "\n" || first === "\r") return `unexpected line break${where}`;
  return `unexpected ${quoted(first)}${where}`;
}
