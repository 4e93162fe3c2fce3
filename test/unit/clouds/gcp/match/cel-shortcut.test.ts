import { describe, expect, it } from "vitest";
import { celShortcut } from "@/lib/clouds/gcp/match/cel-shortcut";
import { evaluateCel, evaluateCelNode, parseCel } from "@/lib/clouds/gcp/match/cel-runtime";

// `assertion.NAME` and `assertion.NAME ==/!= 'text'` skip the CEL program
// when the claim is a string. Whatever the claim holds, the answer must be
// the program's (evaluateCelNode runs the tree itself, with no shortcut),
// and only the named claim is read.

function program(expression: string, assertion: unknown) {
  const node = parseCel(expression);
  if (!node) throw new Error(`${expression} does not parse`);
  return evaluateCelNode(node, { assertion });
}

const expressions = [
  "assertion.sub",
  "assertion.sub == 'repo:octo-org/octo-repo:ref:refs/heads/main'",
  "'repo:octo-org/octo-repo:ref:refs/heads/main' == assertion.sub",
  "assertion.sub != 'repo:octo-org/octo-repo:ref:refs/heads/main'",
  "'repo:octo-org/octo-repo:ref:refs/heads/main' != assertion.sub",
  "assertion.sub == ''",
  "assertion.sub != ''",
];

const inherited = Object.create({ sub: "repo:octo-org/octo-repo:ref:refs/heads/main" }) as object;
const hidden = Object.defineProperty({}, "sub", { value: "x", enumerable: false });

const assertions: [label: string, assertion: unknown][] = [
  ["the same string", { sub: "repo:octo-org/octo-repo:ref:refs/heads/main" }],
  ["another string", { sub: "repo:octo-org/octo-repo:ref:refs/heads/MAIN" }],
  ["an empty string", { sub: "" }],
  ["a number", { sub: 7 }],
  ["a boolean", { sub: true }],
  ["null", { sub: null }],
  ["a list", { sub: ["repo:octo-org/octo-repo:ref:refs/heads/main"] }],
  ["a map", { sub: { a: "b" } }],
  ["a map with an undefined value", { sub: { a: "b", c: undefined } }],
  ["no such claim", { other: "x" }],
  ["an undefined claim", { sub: undefined }],
  ["an inherited claim", inherited],
  ["a non-enumerable claim", hidden],
  ["a list for the assertion", ["repo:octo-org/octo-repo:ref:refs/heads/main"]],
];

describe("the CEL shortcut", () => {
  it.each(
    expressions.flatMap((expression) =>
      assertions.map(([label, assertion]) => [expression, label, assertion] as const),
    ),
  )("answers %j on %s as the program does", (expression, _label, assertion) => {
    expect(evaluateCel(expression, { assertion })).toStrictEqual(program(expression, assertion));
  });

  it("reads only the named claim, and never lists the claims", () => {
    const read: string[] = [];
    const claims = new Proxy(
      { sub: "repo:octo-org/octo-repo:ref:refs/heads/main", aud: "x" },
      {
        get: (target, key, receiver) => (
          read.push(`get ${String(key)}`),
          Reflect.get(target, key, receiver)
        ),
        getOwnPropertyDescriptor: (target, key) => (
          read.push(`own ${String(key)}`),
          Reflect.getOwnPropertyDescriptor(target, key)
        ),
        has: (target, key) => (read.push(`has ${String(key)}`), Reflect.has(target, key)),
        ownKeys: (target) => (read.push("list"), Reflect.ownKeys(target)),
      },
    );
    expect(evaluateCel("assertion.sub != ''", { assertion: claims })).toEqual({
      ok: true,
      value: true,
    });
    expect(read).toEqual(["own sub", "get sub"]);
  });

  it.each([
    ["assertion.sub", true],
    ["assertion.sub == 'x'", true],
    ["'x' != assertion.sub", true],
    ["has(assertion.sub)", false],
    ["assertion['sub'] == 'x'", false],
    ["assertion.sub == assertion.aud", false],
    ["assertion.sub == 1", false],
    ["'x' == 'x'", false],
    ["attribute.sub == 'x'", false],
    ["assertion.sub.startsWith('x')", false],
    ["assertion.a.b == 'x'", false],
  ])("takes %j as a shortcut: %s", (expression, taken) => {
    expect(celShortcut(parseCel(expression) ?? undefined) !== null).toBe(taken);
  });
});
