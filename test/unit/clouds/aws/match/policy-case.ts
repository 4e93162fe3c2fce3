import { expect } from "vitest";
import { checkOf, evaluate, githubClaims, policy, type StatementSpec } from "./fixtures";

// One trust-policy case: a token, the role's statements, and what STS decides
// (CLOUDS.md 2.3 step 5, 2.6), with the condition check's message and hint.

export type PolicyCase = {
  name: string;
  source: string;
  claims?: Record<string, unknown>;
  statements: StatementSpec[];
  fields?: Record<string, unknown>;
  accepted: boolean;
  /** Refused only as Fedlens's FedlensUndecided: STS may accept or refuse. */
  undecided?: boolean;
  /** The action STS names when it refuses; sts:AssumeRoleWithWebIdentity unless said. */
  refusedAction?: string;
  /** The policy's Version; null leaves it out. */
  version?: string | null;
  /** On the condition check (the failing one when refused). */
  message?: RegExp;
  hint?: RegExp;
  broad?: boolean;
};

export function policyRows(cases: PolicyCase[]) {
  const verdict = (row: PolicyCase) =>
    row.accepted ? "accepts" : row.undecided ? "withholds a verdict on" : "refuses";
  return cases.map((row) => [verdict(row), row.name, row.source, row] as const);
}

export function expectPolicyCase(row: PolicyCase) {
  const { Version, ...document } = policy(...row.statements);
  const version = row.version === undefined ? Version : row.version;
  const evaluation = evaluate(row.claims ?? githubClaims(), {
    ...row.fields,
    trustPolicy: version === null ? document : { Version: version, ...document },
  });
  const condition =
    evaluation.checks.find((check) => check.check === "condition" && !check.ok) ??
    checkOf(evaluation, "condition");
  expect(evaluation.accepted).toBe(row.accepted);
  expect(condition.ok).toBe(row.accepted);
  expect(evaluation.cloudError).toEqual(
    row.accepted
      ? null
      : row.undecided
        ? { code: "FedlensUndecided", message: expect.stringMatching(/^STS may accept or refuse/) }
        : {
            code: "AccessDenied",
            message: `Not authorized to perform ${row.refusedAction ?? "sts:AssumeRoleWithWebIdentity"}`,
          },
  );
  if (row.message) expect(condition.message).toMatch(row.message);
  if (row.hint) expect(condition.hint).toMatch(row.hint);
  expect(evaluation.broad !== undefined).toBe(row.broad ?? false);
}
