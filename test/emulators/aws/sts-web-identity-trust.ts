// The emulated STS's own reading of a role's trust policy for
// AssumeRoleWithWebIdentity. Written apart from lib/clouds/aws (which
// predicts the same answer) so the two cross-check each other, and kept to
// the documented rules:
// - a statement applies when its Principal.Federated names the provider's
//   ARN and its Action covers sts:AssumeRoleWithWebIdentity;
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
// - an applicable Deny wins, else an applicable Allow grants, else implicit
//   deny (statement order is irrelevant);
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// - conditions: operators AND, keys AND, values OR (NOR when negated);
//   a missing key makes a positive operator false and a negated one true,
//   …IfExists true, ForAllValues true, ForAnyValue false; Null tests presence.
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
// Operators other than the string ones and Null make a statement not apply.

export type TrustContext = {
  /** arn:aws:iam::<account>:oidc-provider/<host+path> */
  providerArn: string;
  /**
   * Condition keys, lower-cased (key names are case-insensitive, values are
   * not), with their values (multi-valued keys hold several).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
   */
  keys: ReadonlyMap<string, readonly string[]>;
};

type Statement = Record<string, unknown>;

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const strings = (value: unknown): string[] =>
  list(value).flatMap((item) => (typeof item === "string" ? [item] : []));

/** IAM wildcards: `*` any run of characters, `?` exactly one. */
function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
    c === "*" ? ".*" : c === "?" ? "." : `\\${c}`,
  );
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

// Action names are case-insensitive and may hold wildcards (sts:*, *).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
function coversAction(statement: Statement): boolean {
  return strings(statement.Action).some((action) => globMatches(action, WEB_IDENTITY, true));
}

function namesProvider(statement: Statement, providerArn: string): boolean {
  const principal = statement.Principal;
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return strings((principal as Statement).Federated).includes(providerArn);
}

type Base = { compare: (policy: string, actual: string) => boolean; negated: boolean };

const BASES: Record<string, Base> = {
  StringEquals: { compare: (p, a) => p === a, negated: false },
  StringNotEquals: { compare: (p, a) => p === a, negated: true },
  StringEqualsIgnoreCase: {
    compare: (p, a) => p.toLowerCase() === a.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (p, a) => p.toLowerCase() === a.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (p, a) => globMatches(p, a), negated: false },
  StringNotLike: { compare: (p, a) => globMatches(p, a), negated: true },
};

/** One key under one operator; undefined when the operator is not emulated. */
function keyHolds(operator: string, policyValues: string[], actual: readonly string[] | undefined) {
  if (operator === "Null") {
    const wantsAbsent = policyValues.some((value) => value === "true");
    return wantsAbsent === (actual === undefined);
  }
  const [prefix, rest] = operator.includes(":") ? operator.split(":", 2) : [undefined, operator];
  const ifExists = rest?.endsWith("IfExists") ?? false;
  const base = BASES[ifExists ? (rest ?? "").slice(0, -"IfExists".length) : (rest ?? "")];
  if (!base) return undefined;
  const one = (value: string) => {
    const matched = policyValues.some((policy) => base.compare(policy, value));
    return base.negated ? !matched : matched;
  };
  if (prefix === "ForAllValues") return (actual ?? []).every(one);
  if (prefix === "ForAnyValue") return (actual ?? []).some(one);
  if (prefix !== undefined) return undefined;
  if (actual === undefined || actual.length === 0) return ifExists || base.negated;
  // A single-valued operator on several values: every value must satisfy a
  // negated operator (NOR), any value a positive one.
  return base.negated ? actual.every(one) : actual.some(one);
}

function conditionsHold(statement: Statement, keys: TrustContext["keys"]): boolean {
  const condition = statement.Condition;
  if (condition === undefined) return true;
  if (typeof condition !== "object" || condition === null) return false;
  return Object.entries(condition).every(([operator, block]) => {
    if (typeof block !== "object" || block === null) return false;
    return Object.entries(block).every(
      ([key, values]) => keyHolds(operator, strings(values), keys.get(key.toLowerCase())) === true,
    );
  });
}

function applies(statement: Statement, context: TrustContext): boolean {
  return (
    coversAction(statement) &&
    namesProvider(statement, context.providerArn) &&
    conditionsHold(statement, context.keys)
  );
}

/** Whether the trust policy document lets this web identity assume the role. */
export function trustAllows(policyDocument: string, context: TrustContext): boolean {
  let statements: Statement[];
  try {
    const parsed = JSON.parse(policyDocument) as { Statement?: unknown };
    statements = list(parsed.Statement).filter(
      (s): s is Statement => typeof s === "object" && s !== null,
    );
  } catch {
    return false;
  }
  const matching = statements.filter((statement) => applies(statement, context));
  return matching.some((s) => s.Effect === "Allow") && !matching.some((s) => s.Effect === "Deny");
}
