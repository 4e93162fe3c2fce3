import type { Finding, Findings } from "@/lib/catalog/findings";
import { describeConditionKey, isGithubProviderKey } from "@/lib/clouds/aws/condition-keys";
import {
  isLiteralStringOperator,
  isNegatedOperator,
  isWildcardOperator,
  parseConditionOperator,
  type ConditionOperator,
} from "@/lib/clouds/aws/operators";
import { assumeRoleWithWebIdentity, ZSid } from "@/lib/clouds/aws/trust-statement";
import {
  broadSubjectPattern,
  hasWildcard,
  matchesWildcard,
  type BroadPatternKind,
} from "@/lib/federation/wildcard";
import type { RiskRuleId } from "@/lib/risk/rule-ids";
import { isRecord } from "@/lib/json/is-record";

// Checks one trust statement the way IAM and STS would treat it. Errors: what
// IAM refuses or what can never work; warnings: what fails at exchange time or
// trusts too much. Paths are relative to the statement and dotted, e.g.
// Condition.StringLike.token.actions.githubusercontent.com:sub.

export type StatementContext = {
  providerKey: string;
  providerArn: string;
  providerClientIds: string[];
};

type Report = {
  error: (path: string, message: string) => void;
  /** `rule` marks a warning the risk register lists. */
  warn: (path: string, message: string, rule?: RiskRuleId) => void;
};

const broadSubjectRules: Record<BroadPatternKind, RiskRuleId> = {
  "any-owner": "aws-sub-any-owner",
  "owner-wide": "aws-sub-owner-wide",
  "any-context": "aws-sub-any-context",
  "run-phase": "tfc-run-phase-wildcard",
};

/** What the statement form saves: NotAction is valid IAM but never what a binding means. */
const elements = ["Sid", "Effect", "Principal", "Action", "Condition"];

/** Every element IAM stores in a role trust statement (IAM JSON policy element reference). */
export const trustPolicyElements = [
  "Sid",
  "Effect",
  "Principal",
  "Action",
  "NotAction",
  "Condition",
];

function stringList(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  return undefined;
}

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function listed(names: string[]): string {
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

/**
 * Element names IAM refuses to store in a role trust statement
 * (MalformedPolicyDocument), keyed by the element as written. IAM element
 * names are case-sensitive; "Resource" is a prohibited field; NotPrincipal
 * cannot be used "in an IAM role trust policy" (IAM JSON policy elements:
 * NotPrincipal); an element and its Not- form exclude each other (IAM JSON
 * policy grammar: `<principal_block>`, `<action_block>` are one or the other).
 */
export function elementProblems(
  statement: Record<string, unknown>,
  known: string[] = trustPolicyElements,
): { element: string; message: string }[] {
  const problems: { element: string; message: string }[] = [];
  for (const name of Object.keys(statement)) {
    if (known.includes(name)) continue;
    const proper = [...known, "NotPrincipal"].find(
      (element) => element.toLowerCase() === name.toLowerCase(),
    );
    const message =
      name.toLowerCase() === "notprincipal"
        ? "IAM role trust policies cannot use NotPrincipal; name the principal instead"
        : proper
          ? `IAM element names are case-sensitive: write ${proper}`
          : /^(Not)?Resource$/.test(name)
            ? 'a trust policy has no Resource; IAM answers "Has prohibited field Resource"'
            : `unknown element '${shorten(name, 30)}'; a trust statement has ${listed(known)}`;
    problems.push({ element: name, message });
  }
  if ("Action" in statement && "NotAction" in statement) {
    problems.push({
      element: "NotAction",
      message: "a statement has Action or NotAction, not both",
    });
  }
  if ("Principal" in statement && "NotPrincipal" in statement) {
    problems.push({
      element: "NotPrincipal",
      message: "a statement has Principal or NotPrincipal, not both",
    });
  }
  return problems;
}

function checkElements(statement: Record<string, unknown>, report: Report) {
  for (const problem of elementProblems(statement, elements)) {
    report.error(problem.element, problem.message);
  }
  if ("Sid" in statement) {
    const sid = statement.Sid;
    const parsed = ZSid.safeParse(sid);
    if (typeof sid !== "string") report.error("Sid", "must be a string of letters and digits");
    else if (!parsed.success) report.error("Sid", parsed.error.issues[0]?.message ?? "is invalid");
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    report.error("Effect", "must be Allow or Deny");
  } else if (statement.Effect === "Deny") {
    // CLOUDS.md 2.6: an explicit Deny in any matching statement wins.
    report.warn(
      "Effect",
      "A Deny statement overrides every Allow in this trust policy for the requests it matches.",
    );
  }
}

// IAM action names are case-insensitive and may hold wildcards.
function checkAction(action: unknown, report: Report) {
  if (action === undefined)
    return report.error("Action", `is required: ${assumeRoleWithWebIdentity}`);
  const actions = stringList(action);
  if (!actions || actions.length === 0)
    return report.error("Action", "must be a string or a list of strings");
  const wanted = assumeRoleWithWebIdentity.toLowerCase();
  const granting = actions.filter((name) => matchesWildcard(name.toLowerCase(), wanted));
  if (granting.length === 0) {
    return report.error(
      "Action",
      `must include ${assumeRoleWithWebIdentity}, the call that exchanges the token`,
    );
  }
  for (const name of granting.filter(hasWildcard)) {
    report.warn(
      "Action",
      `'${shorten(name, 30)}' grants more STS actions than ${assumeRoleWithWebIdentity}; name it instead.`,
      "aws-action-wildcard",
    );
  }
}

function checkPrincipal(principal: unknown, context: StatementContext, report: Report) {
  if (!isRecord(principal))
    return report.error("Principal", 'must be { "Federated": "<OIDC provider ARN>" }');
  if (principal.Federated === undefined) {
    return report.error("Principal.Federated", "is required: the ARN of the IAM OIDC provider");
  }
  const federated = stringList(principal.Federated);
  if (!federated || federated.length === 0) {
    return report.error("Principal.Federated", "must be a provider ARN or a list of them");
  }
  // CLOUDS.md 2.3, 2.8: STS finds the provider by iss, then needs the statement to name it.
  if (!federated.includes(context.providerArn)) {
    report.warn(
      "Principal.Federated",
      `is not this target's provider (${context.providerArn}); STS only considers statements whose Principal.Federated is the provider for the token's iss.`,
    );
  }
}

/** Conditions that tie an Allow to one repository or workload (CLOUDS.md 5.1, 5.7, 5.11). */
function pinsWorkload(operator: ConditionOperator, suffix: string, providerKey: string): boolean {
  if (isNegatedOperator(operator.base) || operator.base === "Null") return false;
  if (operator.setPrefix === "ForAllValues") return false;
  const pins = isGithubProviderKey(providerKey) ? ["sub", "repository", "repository_id"] : ["sub"];
  return pins.includes(suffix.toLowerCase());
}

function checkValues(
  path: string,
  operator: ConditionOperator,
  suffix: string,
  values: string[],
  context: StatementContext,
  report: Report,
) {
  const negated = isNegatedOperator(operator.base);
  const key = suffix.toLowerCase();
  if (values.length === 0) {
    report.warn(
      path,
      "An empty list: nothing can match it, so the condition is false (true under a negated operator).",
    );
  }
  if (isLiteralStringOperator(operator.base) && values.some(hasWildcard)) {
    // CLOUDS.md 2.5: wildcards mean nothing under StringEquals.
    report.warn(
      path,
      `${operator.base} compares literally, so '*' and '?' match only themselves; use StringLike for a pattern.`,
    );
  }
  if (key === "aud" && !negated && context.providerClientIds.length > 0) {
    const ignoreCase = operator.base.endsWith("IgnoreCase");
    const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
    for (const value of values) {
      const accepted = context.providerClientIds.some((clientId) =>
        isWildcardOperator(operator.base)
          ? matchesWildcard(value, clientId)
          : fold(value) === fold(clientId),
      );
      // CLOUDS.md 2.3, 2.8: the audience check runs before the trust policy.
      if (!accepted) {
        report.warn(
          path,
          `'${shorten(value, 40)}' is not one of the provider's client ids; STS rejects tokens whose aud is not in the provider's ClientIDList ("Incorrect token audience").`,
        );
      }
    }
  }
  if (key === "sub" && !negated && isWildcardOperator(operator.base)) {
    // CLOUDS.md 5.2: repo:org/* and repo:org/repo:* admit far more than one workflow.
    for (const value of values) {
      const broad = broadSubjectPattern(value);
      if (broad) report.warn(path, `This pattern ${broad.reason}.`, broadSubjectRules[broad.kind]);
    }
  }
  const isStringLike =
    !operator.setPrefix && (operator.base === "StringLike" || operator.base === "StringNotLike");
  if (isStringLike && values.length > 0 && !values.some(hasWildcard)) {
    // CLOUDS.md 2.5: StringLike without '*' or '?' is an exact match that
    // reads as a pattern; StringEquals says what it means, and a later edit
    // adding a wildcard to it is then a visible change of operator.
    report.warn(
      path,
      `${operator.base} with no '*' or '?' compares exactly; use ${operator.base.replace("Like", "Equals")} so the trust reads as what it is.`,
      "aws-stringlike-no-wildcard",
    );
  }
}

/** Returns whether some condition pins the workload. */
function checkCondition(condition: unknown, context: StatementContext, report: Report): boolean {
  if (condition === undefined) return false;
  if (!isRecord(condition)) {
    report.error("Condition", "must map condition operators to { key: value } objects");
    return false;
  }
  let pinned = false;
  for (const [name, block] of Object.entries(condition)) {
    const parsed = parseConditionOperator(name);
    const operatorPath = `Condition.${name}`;
    if (!parsed.ok) {
      report.error(operatorPath, parsed.message);
      continue;
    }
    if (!isRecord(block)) {
      report.error(operatorPath, "must map condition keys to values");
      continue;
    }
    const operator = parsed.operator;
    for (const [key, raw] of Object.entries(block)) {
      const path = `${operatorPath}.${key}`;
      const info = describeConditionKey(key, context.providerKey);
      if (!info.valid) report.error(path, info.message ?? "is not a condition key STS sets");
      else if (info.message) report.warn(path, info.message);
      const values = stringList(raw);
      if (!values) {
        report.error(
          path,
          "must be a string or a list of strings (write numbers and booleans in quotes)",
        );
        continue;
      }
      if (operator.setPrefix === "ForAllValues" && info.valid && info.singleValued) {
        // CLOUDS.md 2.5, 5.3: ForAllValues: is true when the key is absent.
        report.warn(
          path,
          `ForAllValues: is true when the token lacks the key, and :${shorten(info.suffix, 30)} holds one value; drop the prefix.`,
          "aws-forallvalues-single-valued",
        );
      }
      checkValues(path, operator, info.suffix, values, context, report);
      if (
        info.valid &&
        info.scope === "provider" &&
        pinsWorkload(operator, info.suffix, context.providerKey)
      ) {
        pinned = true;
      }
    }
  }
  return pinned;
}

export function validateTrustStatement(statement: unknown, context: StatementContext): Findings {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const report: Report = {
    error: (path, message) => void errors.push({ path, message }),
    warn: (path, message, rule) => void warnings.push({ path, message, ...(rule ? { rule } : {}) }),
  };
  if (!isRecord(statement)) {
    report.error(
      "",
      "must be a JSON object: one statement with Effect, Principal, Action and Condition",
    );
    return { errors, warnings };
  }
  checkElements(statement, report);
  checkAction(statement.Action, report);
  checkPrincipal(statement.Principal, context, report);
  const pinned = checkCondition(statement.Condition, context, report);
  if (statement.Effect === "Allow" && !pinned) {
    // CLOUDS.md 2.4 and 5.1, 5.11: if no condition names :sub, STS does not check it.
    report.warn(
      "Condition",
      `No condition on ${shorten(context.providerKey)}:sub, so STS does not check the subject: any repository or tenant of this issuer could assume the role.`,
      "aws-trust-no-sub",
    );
  }
  return { errors, warnings };
}
