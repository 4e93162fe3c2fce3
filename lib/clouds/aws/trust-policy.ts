import type { Finding, Findings } from "@/lib/catalog/findings";
import type { IamStatement } from "@/lib/clouds/aws/trust-statement";

// A role's whole trust policy: every binding's statement side by side.

export type TrustPolicyDocument = { Version: "2012-10-17"; Statement: IamStatement[] };

// CLOUDS.md 2.6 (IAM quotas): a role trust policy holds 2,048 characters by
// default, adjustable to 4,096.
export const trustPolicyDefaultQuota = 2048;
export const trustPolicyMaxQuota = 4096;

// The order IAM's console and the docs print a statement in; Postgres jsonb
// does not keep key order, so stored statements are put back in it.
const statementKeyOrder = ["Sid", "Effect", "Principal", "Action", "Condition"];
const orderedKeys = new Set(statementKeyOrder);

/**
 * The statement with its keys in IAM's order, the others after them in their
 * own order: what a stable sort by rank gives, built without the sort and
 * the entry arrays (once per binding, for every binding of the trust map).
 */
export function orderStatementKeys(statement: IamStatement): IamStatement {
  const keys = Object.keys(statement);
  const source = statement as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of statementKeyOrder) {
    if (keys.includes(key)) ordered[key] = source[key];
  }
  for (const key of keys) {
    if (orderedKeys.has(key)) continue;
    // A JSON "__proto__" key is an own property, never the prototype.
    if (key === "__proto__") {
      Object.defineProperty(ordered, key, {
        value: source[key],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      ordered[key] = source[key];
    }
  }
  return ordered as IamStatement;
}

export function renderTrustPolicy(statements: IamStatement[]): TrustPolicyDocument {
  return { Version: "2012-10-17", Statement: statements.map(orderStatementKeys) };
}

/** IAM does not count whitespace; JSON.stringify without indentation writes none outside strings. */
export function trustPolicyLength(doc: TrustPolicyDocument): number {
  return JSON.stringify(doc).length;
}

const formatCount = (count: number) => count.toLocaleString("en-US");

export function trustPolicySizeFindings(doc: TrustPolicyDocument): Findings {
  const length = trustPolicyLength(doc);
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  if (length > trustPolicyMaxQuota) {
    errors.push({
      path: "",
      message: `The role's trust policy would be ${formatCount(length)} characters; IAM refuses more than ${formatCount(trustPolicyMaxQuota)} even with a raised quota. Move some bindings to another role.`,
    });
  } else if (length > trustPolicyDefaultQuota) {
    warnings.push({
      path: "",
      message: `The role's trust policy would be ${formatCount(length)} characters; IAM's default quota is ${formatCount(trustPolicyDefaultQuota)}, which can be raised to ${formatCount(trustPolicyMaxQuota)} in Service Quotas.`,
    });
  }
  return { errors, warnings };
}

/**
 * The values of every condition on `<providerKey>:sub`, whatever the operator,
 * in order and without repeats: the catalogue's lookup column. Tolerates a
 * malformed statement (raw mode stores what was typed). Key names are not
 * case-sensitive in IAM.
 */
export function subjectsOf(statement: IamStatement | undefined, providerKey: string): string[] {
  const wanted = `${providerKey}:sub`.toLowerCase();
  const condition: unknown = (statement as { Condition?: unknown } | undefined)?.Condition;
  if (typeof condition !== "object" || condition === null) return [];
  const subjects: string[] = [];
  for (const block of Object.values(condition)) {
    if (typeof block !== "object" || block === null) continue;
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      if (key.toLowerCase() !== wanted) continue;
      for (const value of Array.isArray(values) ? values : [values]) {
        if (typeof value === "string" && !subjects.includes(value)) subjects.push(value);
      }
    }
  }
  return subjects;
}
