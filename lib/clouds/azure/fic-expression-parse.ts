import { boundedMemo } from "@/lib/bounded-memo";

// Flexible federated identity credentials, claimsMatchingExpression language
// version 1 (CLOUDS.md 1.6, Entra "flexible federated identity credentials"):
//   term := claims['<name>'] <op> '<value>'   with exactly one space either side of <op>
//   op   := matches | eq
//   expr := term (' and ' term)*
// Single quotes are escaped by doubling them. No `or`, no negation, no
// parentheses, no regex.

export type FicExpressionTerm = { claim: string; operator: "matches" | "eq"; value: string };
export type FicExpressionParse =
  { ok: true; terms: FicExpressionTerm[] } | { ok: false; message: string; index: number };

class ExpressionError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

export function shorten(text: string, max = 20): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function readFicExpression(text: string): FicExpressionParse {
  let pos = 0;
  const fail = (message: string, index = pos): never => {
    throw new ExpressionError(message, index);
  };
  const at = (index: number) => (index >= text.length ? "at the end" : `at position ${index + 1}`);

  function readQuoted(): string {
    const start = pos;
    let out = "";
    pos += 1;
    for (;;) {
      const character = text[pos];
      if (character === undefined)
        return fail(`unterminated quote starting at position ${start + 1}`, start);
      if (character === "'") {
        if (text[pos + 1] !== "'") {
          pos += 1;
          return out;
        }
        pos += 1; // '' stands for one quote
      }
      out += character;
      pos += 1;
    }
  }

  function expectOneSpace(where: string) {
    if (text[pos] !== " ") fail(`expected one space ${where} ${at(pos)}`);
    pos += 1;
    if (text[pos] === " ")
      fail(`extra space at position ${pos + 1}; use exactly one space ${where}`);
  }

  function readTerm(): FicExpressionTerm {
    const rest = text.slice(pos);
    if (/^not[\s(]/i.test(rest) || rest.startsWith("!")) fail("'not' is not supported");
    if (rest.startsWith("(")) fail("parentheses are not supported");
    if (!rest.startsWith("claims[")) fail(`expected claims['<name>'] ${at(pos)}`);
    pos += "claims[".length;
    if (text[pos] !== "'") fail(`expected a claim name in single quotes ${at(pos)}`);
    const nameAt = pos;
    const claim = readQuoted();
    if (claim === "") fail(`empty claim name at position ${nameAt + 1}`, nameAt);
    if (text[pos] !== "]") fail(`expected ']' after the claim name ${at(pos)}`);
    pos += 1;
    expectOneSpace("before the operator");
    const operatorAt = pos;
    while (pos < text.length && text[pos] !== " " && text[pos] !== "'") pos += 1;
    const operator = text.slice(operatorAt, pos);
    if (operator === "") fail(`expected matches or eq ${at(operatorAt)}`, operatorAt);
    if (operator.toLowerCase() === "not") fail("'not' is not supported", operatorAt);
    if (operator !== "matches" && operator !== "eq") {
      fail(`unknown operator '${shorten(operator)}'; use matches or eq`, operatorAt);
    }
    expectOneSpace("after the operator");
    if (text[pos] !== "'") fail(`expected a value in single quotes ${at(pos)}`);
    const value = readQuoted();
    return { claim, operator: operator as FicExpressionTerm["operator"], value };
  }

  try {
    if (text.trim() === "")
      fail("the expression is empty; write a term such as claims['sub'] eq '…'", 0);
    const terms = [readTerm()];
    while (pos < text.length) {
      const rest = text.slice(pos);
      if (rest.startsWith(" and ")) {
        pos += " and ".length;
        terms.push(readTerm());
        continue;
      }
      if (/^ or /i.test(rest)) fail("'or' is not supported", pos + 1);
      if (/^ and /i.test(rest)) fail(`write 'and' in lower case at position ${pos + 2}`, pos + 1);
      if (rest.startsWith(")")) fail("parentheses are not supported");
      fail(`expected ' and ' or the end at position ${pos + 1}`);
    }
    return { ok: true, terms };
  } catch (error) {
    if (error instanceof ExpressionError)
      return { ok: false, message: error.message, index: error.index };
    throw error;
  }
}

// One expression is read by the schema, the admission and every evaluation
// of its binding, and an estate repeats expressions (one per owner): the
// answer depends on the text alone. A text longer than a binding may hold
// (2,000 characters, evaluator-binding.ts) is parsed but not remembered.
const parsedExpressions = boundedMemo<FicExpressionParse>(2000, { maxKeyLength: 2000 });

/**
 * Parses an expression. `index` is the 0-based offset of the problem (for a
 * caret under the field); messages count characters from 1, like an editor.
 * The answer is shared: callers must not change it.
 */
export function parseFicExpression(text: string): FicExpressionParse {
  return parsedExpressions(text, () => readFicExpression(text));
}
