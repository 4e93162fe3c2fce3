import { parseConditionOperator } from "@/lib/clouds/aws/operators";
import { elementProblems } from "@/lib/clouds/aws/validate-statement";
import { isRecord } from "@/lib/json/is-record";

// The shape IAM insists on before it stores a role's trust policy
// (MalformedPolicyDocument otherwise): a Statement (one object or a list),
// each with Effect Allow|Deny, a Principal, an Action and, optionally, a
// Condition of known operators mapping keys to values. Refusing these here
// keeps the evaluator from judging a policy that cannot exist.

export type PolicyProblem = { path: (string | number)[]; message: string };

function isScalar(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** A Statement element is one object or a list of them (IAM JSON policy grammar). */
export function statementsOf(document: unknown): unknown[] {
  if (!isRecord(document)) return [];
  const statement = document.Statement;
  if (Array.isArray(statement)) return statement;
  return statement === undefined ? [] : [statement];
}

function conditionProblems(condition: unknown, path: (string | number)[]): PolicyProblem[] {
  if (!isRecord(condition)) {
    return [{ path, message: "must map condition operators to { key: value } objects" }];
  }
  const problems: PolicyProblem[] = [];
  for (const [name, block] of Object.entries(condition)) {
    const parsed = parseConditionOperator(name);
    if (!parsed.ok) {
      // IAM: "MalformedPolicyDocument: Invalid Condition type : <name>".
      problems.push({ path: [...path, name], message: parsed.message });
      continue;
    }
    if (!isRecord(block)) {
      problems.push({ path: [...path, name], message: "must map condition keys to values" });
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      const values = Array.isArray(value) ? value : [value];
      if (!values.every(isScalar)) {
        problems.push({
          path: [...path, name, key],
          message: "must be a string or a list of strings",
        });
      }
    }
  }
  return problems;
}

function statementProblems(statement: unknown, path: (string | number)[]): PolicyProblem[] {
  if (!isRecord(statement)) return [{ path, message: "must be an object" }];
  // An element IAM would refuse (a lower-case "condition", a Resource, a
  // NotPrincipal) must not be read as absent: the Allow would look unconditional.
  const problems: PolicyProblem[] = elementProblems(statement).map((problem) => ({
    path: [...path, problem.element],
    message: problem.message,
  }));
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    problems.push({ path: [...path, "Effect"], message: "must be Allow or Deny" });
  }
  if (statement.Principal === undefined) {
    // IAM answers "Missing required field Principal" for a role trust policy.
    problems.push({
      path: [...path, "Principal"],
      message: 'is required: { "Federated": "<OIDC provider ARN>" }',
    });
  }
  if (statement.Action === undefined && statement.NotAction === undefined) {
    problems.push({
      path: [...path, "Action"],
      message: "is required: sts:AssumeRoleWithWebIdentity",
    });
  }
  if (statement.Condition !== undefined) {
    problems.push(...conditionProblems(statement.Condition, [...path, "Condition"]));
  }
  return problems;
}

/** What IAM would refuse in this trust policy document; empty when it is well formed. */
export function trustPolicyProblems(document: unknown): PolicyProblem[] {
  if (!isRecord(document)) {
    return [{ path: [], message: 'must be a JSON object: { "Version": …, "Statement": [ … ] }' }];
  }
  const problems: PolicyProblem[] = [];
  const version = document.Version;
  if (version !== undefined && version !== "2012-10-17" && version !== "2008-10-17") {
    problems.push({ path: ["Version"], message: 'must be "2012-10-17"' });
  }
  const statement = document.Statement;
  if (statement === undefined || (Array.isArray(statement) && statement.length === 0)) {
    problems.push({ path: ["Statement"], message: "is required: at least one statement" });
    return problems;
  }
  const statements = Array.isArray(statement) ? statement : [statement];
  statements.forEach((item, index) => {
    const path = Array.isArray(statement) ? ["Statement", index] : ["Statement"];
    problems.push(...statementProblems(item, path));
  });
  return problems;
}
