// The few CEL forms the emulated STS evaluates in a provider's
// attributeMapping and attributeCondition, written apart from lib/ (which
// has a full CEL runtime) so the emulator cross-checks it rather than
// repeating it. Supported: string literals ('…' or "…", no escapes), member
// paths over `assertion`, `attribute` and `google` (assertion.sub,
// assertion.repository), `+` between strings, `==` / `!=`, and `&&` / `||`
// (no parentheses). Anything else is refused as unsupported, so a test
// that needs more fails loudly instead of passing on a guess.
// https://cloud.google.com/iam/docs/workload-identity-federation#mapping
// https://github.com/google/cel-spec/blob/master/doc/langdef.md

export class UnsupportedCel extends Error {
  constructor(expression: string, what: string) {
    super(`The GCP emulator does not evaluate this CEL (${what}): ${expression}`);
    this.name = "UnsupportedCel";
  }
}

/** A CEL runtime error such as "no such key" (a claim the token lacks). */
export class CelRuntimeError extends Error {}

type Value = string | boolean | number | null | Record<string, unknown> | unknown[];
type Token = { kind: "str" | "ident" | "op" | "dot"; text: string };

const TOKEN = /\s*(?:'([^'\\]*)'|"([^"\\]*)"|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|&&|\|\||\+)|(\.))\s*/y;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (!match || match.index !== at || TOKEN.lastIndex === at) {
      throw new UnsupportedCel(expression, `at "${expression.slice(at, at + 12)}"`);
    }
    const [, single, double, ident, op, dot] = match;
    if (single !== undefined || double !== undefined) {
      tokens.push({ kind: "str", text: single ?? double ?? "" });
    } else if (ident) tokens.push({ kind: "ident", text: ident });
    else if (op) tokens.push({ kind: "op", text: op });
    else if (dot) tokens.push({ kind: "dot", text: "." });
  }
  return tokens;
}

/** Evaluates `expression` over `bindings` ({assertion, attribute, google}). */
export function evaluateSimpleCel(expression: string, bindings: Record<string, unknown>): Value {
  const tokens = tokenize(expression);
  let index = 0;
  const peek = () => tokens[index];
  const unsupported = (what: string): never => {
    throw new UnsupportedCel(expression, what);
  };

  function atom(): Value {
    const token = tokens[index++];
    if (!token) return unsupported("it ends too early");
    if (token.kind === "str") return token.text;
    if (token.kind !== "ident" || !(token.text in bindings)) {
      return unsupported(`"${token.text}" is not a literal or a path`);
    }
    let value = bindings[token.text] as Value;
    while (peek()?.kind === "dot") {
      index++;
      const key = tokens[index++];
      if (key?.kind !== "ident") return unsupported("a path segment is not a name");
      if (!value || typeof value !== "object" || Array.isArray(value) || !(key.text in value)) {
        throw new CelRuntimeError(`no such key: ${key.text}`);
      }
      value = (value as Record<string, unknown>)[key.text] as Value;
    }
    return value;
  }

  function sum(): Value {
    let value = atom();
    while (peek()?.text === "+") {
      index++;
      const right = atom();
      if (typeof value !== "string" || typeof right !== "string") {
        return unsupported("+ between values that are not both strings");
      }
      value = value + right;
    }
    return value;
  }

  function comparison(): Value {
    const left = sum();
    const op = peek()?.text;
    if (op !== "==" && op !== "!=") return left;
    index++;
    const equal = left === sum();
    return op === "==" ? equal : !equal;
  }

  function logical(op: "&&" | "||", operand: () => Value): Value {
    let value = operand();
    while (peek()?.text === op) {
      index++;
      // Both sides are evaluated: a runtime error on either side is an error here,
      // where CEL would absorb it when the other side decides (langdef "Logical operators").
      if (typeof value !== "boolean") return unsupported(`${op} on a value that is not a boolean`);
      const right = operand();
      if (typeof right !== "boolean") return unsupported(`${op} on a value that is not a boolean`);
      value = op === "&&" ? value && right : value || right;
    }
    return value;
  }

  const result = logical("||", () => logical("&&", comparison));
  if (index !== tokens.length) unsupported(`unexpected "${peek()?.text ?? ""}"`);
  return result;
}
