import { expect } from "vitest";
import type { CheckName, ExchangeRequest, TokenFacts } from "@/lib/federation/types";
import { evaluate, firstFailure, githubClaims, token } from "./fixtures";

// One row of a table of evaluator cases: the token, the binding overrides,
// the exchange request, and what Google would answer, with the document the
// expected behaviour comes from.
export type EvaluatorCase = {
  name: string;
  source: string;
  facts?: TokenFacts;
  claims?: Record<string, unknown>;
  binding?: Record<string, unknown>;
  request?: ExchangeRequest;
  at?: Date;
  expected: {
    accepted: boolean;
    /** The failing check when refused; the check carrying `hint` when accepted. */
    check?: CheckName;
    code?: string;
    message?: string | RegExp;
    hint?: RegExp;
    /** The failing check's own message (e.g. the pipeline's signature reason). */
    checkMessage?: RegExp;
    broad?: RegExp | false;
    /** The accepted verdict's caveats, or false for none. */
    caveats?: RegExp | false;
  };
};

export function runCase(row: EvaluatorCase): void {
  const facts = row.facts ?? token(row.claims ?? githubClaims());
  const evaluation = evaluate(facts, row.binding, row.request, row.at);
  const { expected } = row;
  const failure = firstFailure(evaluation);
  expect(evaluation.accepted, failure?.message).toBe(expected.accepted);
  if (!expected.accepted) {
    expect(failure?.check).toBe(expected.check);
    expect(evaluation.cloudError?.code).toBe(expected.code);
    if (typeof expected.message === "string")
      expect(evaluation.cloudError?.message).toBe(expected.message);
    else if (expected.message) expect(evaluation.cloudError?.message).toMatch(expected.message);
    if (expected.hint) expect(failure?.hint).toMatch(expected.hint);
    if (expected.checkMessage) expect(failure?.message).toMatch(expected.checkMessage);
  } else {
    expect(evaluation.cloudError).toBeNull();
    if (expected.hint) {
      const check = evaluation.checks.find(
        (candidate) => candidate.check === expected.check && candidate.hint,
      );
      expect(check?.hint).toMatch(expected.hint);
    }
  }
  if (expected.broad) expect(evaluation.broad?.reason).toMatch(expected.broad);
  if (expected.broad === false) expect(evaluation.broad).toBeUndefined();
  if (expected.caveats) expect(evaluation.caveats?.join("\n")).toMatch(expected.caveats);
  if (expected.caveats === false) expect(evaluation.caveats).toBeUndefined();
}
