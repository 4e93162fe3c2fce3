import { describe, expect, it } from "vitest";
import { evaluateCel, extractWithTemplate } from "@/lib/clouds/gcp/match/cel-runtime";

describe("extract() as Google documents it for attribute mappings [CLOUDS.md 3.3]", () => {
  it.each<[value: string, template: string, expected: string]>([
    ["/projects/123/locations/global", "/projects/{project}/", "123"],
    ["repo:octo-org/octo-repo:ref:refs/heads/main", "repo:{repo}:ref:", "octo-org/octo-repo"],
    ["repo:octo-org/octo-repo:pull_request", "repo:octo-org/{rest}", "octo-repo:pull_request"],
    ["system:serviceaccount:wkldid:sawkldid", "absent:{x}", ""],
    ["repo:octo-org/octo-repo", "repo:{repo}:ref:", ""],
  ])("extracts from %s with %s", (value, template, expected) => {
    expect(extractWithTemplate(value, template)).toBe(expected);
    expect(evaluateCel(`assertion.v.extract('${template}')`, { assertion: { v: value } })).toEqual({
      ok: true,
      value: expected,
    });
  });
});

describe("evaluateCel over a token's claims", () => {
  it("reads nested claims with dots in their names [CLOUDS.md §4 Kubernetes]", () => {
    const claims = { "kubernetes.io": { serviceaccount: { name: "sawkldid" } } };
    expect(
      evaluateCel("assertion['kubernetes.io'].serviceaccount.name", { assertion: claims }),
    ).toEqual({
      ok: true,
      value: "sawkldid",
    });
  });

  it("reports a missing claim as a missing key", () => {
    expect(evaluateCel("assertion.environment == 'prod'", { assertion: { sub: "s" } })).toEqual({
      ok: false,
      error: "no such key: environment",
    });
  });

  it("never resolves inherited object members as claims", () => {
    expect(evaluateCel("assertion.constructor", { assertion: {} }).ok).toBe(false);
  });

  it("treats JSON numbers as CEL doubles, as Google's Struct does", () => {
    expect(evaluateCel("assertion.run_attempt == 2.0", { assertion: { run_attempt: 2 } })).toEqual({
      ok: true,
      value: true,
    });
  });

  it("returns lists and booleans as plain values", () => {
    expect(evaluateCel("[assertion.a, 'b']", { assertion: { a: "a" } })).toEqual({
      ok: true,
      value: ["a", "b"],
    });
    expect(evaluateCel("'x' in assertion.aud", { assertion: { aud: ["x"] } })).toEqual({
      ok: true,
      value: true,
    });
  });

  it("reports a syntax error instead of throwing", () => {
    expect(evaluateCel("assertion.sub ==", { assertion: {} }).ok).toBe(false);
  });
});
