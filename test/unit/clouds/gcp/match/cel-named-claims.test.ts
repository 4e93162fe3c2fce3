import { describe, expect, it } from "vitest";
import { celAssertionFields } from "@/lib/clouds/gcp/cel";
import { evaluateCel, evaluateCelNode, parseCel } from "@/lib/clouds/gcp/match/cel-runtime";

// evaluateCel hands an expression that names its claims only those claims,
// and remembers each expression's program by its text. evaluateCelNode runs
// a parsed tree over the whole assertion, with no program remembered: the
// reference both must agree with.

function whole(expression: string, bindings: Record<string, unknown>) {
  const node = parseCel(expression);
  if (!node) throw new Error(`${expression} does not parse`);
  return evaluateCelNode(node, bindings);
}

const contoso = { sub: "repo:contoso/web:environment:prod", repository_owner: "contoso" };
const fabrikam = { sub: "repo:fabrikam/tool:ref:refs/heads/main", repository_owner: "fabrikam" };

describe("celAssertionFields", () => {
  it.each<[expression: string, fields: string[] | null]>([
    ["assertion.sub", ["sub"]],
    ["assertion['kubernetes.io'].namespace == 'x' && has(assertion.ref)", ["kubernetes.io", "ref"]],
    ["assertion.groups.exists(g, g == 'ops')", ["groups"]],
    ["size(assertion) > 0", null],
    ["assertion.exists(k, k == 'sub')", null],
    ["assertion[google.subject] == 'x'", null],
    ["attribute.repo == 'x'", []],
  ])("reads %j as %j", (expression, fields) => {
    expect(celAssertionFields(expression)).toEqual(fields);
  });
});

describe("evaluateCel with named claims", () => {
  it("gives two inputs of one remembered expression each their own answer", () => {
    const condition = "assertion.repository_owner == 'contoso'";
    expect(evaluateCel(condition, { assertion: contoso })).toEqual({ ok: true, value: true });
    expect(evaluateCel(condition, { assertion: fabrikam })).toEqual({ ok: true, value: false });
    expect(evaluateCel(condition, { assertion: contoso })).toEqual({ ok: true, value: true });
  });

  it.each<[expression: string, assertion: Record<string, unknown>]>([
    ["assertion.repository_owner == 'contoso'", contoso],
    ["assertion.repository_owner == 'contoso'", fabrikam],
    ["assertion.environment == 'prod'", contoso],
    ["has(assertion.environment) ? assertion.environment : 'none'", contoso],
    ["has(assertion.environment) ? assertion.environment : 'none'", { environment: "prod" }],
    ["assertion['kubernetes.io'].namespace", { "kubernetes.io": { namespace: "ns" } }],
    ["assertion.sub.startsWith('repo:contoso/')", fabrikam],
    ["assertion.sub.extract('repo:{repo}:')", contoso],
    ["size(assertion) == 2.0", contoso],
    ["assertion.constructor", {}],
    ["assertion.missing", { missing: undefined }],
  ])("answers %j as the whole assertion does", (expression, assertion) => {
    expect(evaluateCel(expression, { assertion })).toEqual(whole(expression, { assertion }));
  });
});
