import { z } from "zod";

// One statement of a role's trust policy, the shape IAM stores (CLOUDS.md
// 2.3–2.5): Principal.Federated names the provider ARN, Action is
// sts:AssumeRoleWithWebIdentity, and Condition maps operator → key → value(s).

export type IamConditionValues = string | string[];
export type IamCondition = Record<string, Record<string, IamConditionValues>>;

export type IamStatement = {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal: { Federated: string | string[] };
  Action: string | string[];
  Condition?: IamCondition;
};

export const assumeRoleWithWebIdentity = "sts:AssumeRoleWithWebIdentity";

// IAM Sid element: ASCII letters and digits only. Fedlens finds a binding's
// statement by it, so it is required and bounded.
export const ZSid = z
  .string({ message: "is required" })
  .min(1, "is required")
  .max(128, "must be at most 128 characters")
  .regex(
    /^[A-Za-z0-9]*$/,
    "may contain only letters and digits: IAM refuses other characters in a Sid",
  );

export type TrustStatementInput = {
  sid: string;
  providerArn: string;
  /** The provider URL without https:// (CLOUDS.md 2.1), the prefix of its condition keys. */
  providerKey: string;
  audiences: string[];
  subjectOperator: "StringEquals" | "StringLike";
  subjects: string[];
  extraConditions: { operator: string; claim: string; values: string[] }[];
};

/** One value stays a bare string, as IAM and the console write it; several become a list. */
function compact(values: string[]): IamConditionValues {
  return values.length === 1 ? (values[0] as string) : values;
}

/**
 * Builds the statement a form describes. Conditions that share an operator
 * share its object (CLOUDS.md 2.5: keys under one operator AND together);
 * a key given twice under one operator gets the union of its values, since
 * JSON can hold the key once and IAM ORs a key's values. `claim` is a claim
 * of the provider (`repository_id`) or a full global key (`aws:SourceIp`).
 * With no subjects the sub condition is left out; the validator warns.
 */
export function buildTrustStatement(input: TrustStatementInput): IamStatement {
  const grouped = new Map<string, Map<string, string[]>>();
  const add = (operator: string, key: string, values: string[]) => {
    if (values.length === 0) return;
    const keys = grouped.get(operator) ?? new Map<string, string[]>();
    const merged = keys.get(key) ?? [];
    for (const value of values) if (!merged.includes(value)) merged.push(value);
    keys.set(key, merged);
    grouped.set(operator, keys);
  };
  const keyOf = (claim: string) =>
    /^(aws|sts):/i.test(claim) ? claim : `${input.providerKey}:${claim}`;

  add("StringEquals", keyOf("aud"), input.audiences);
  add(input.subjectOperator, keyOf("sub"), input.subjects);
  for (const condition of input.extraConditions) {
    add(condition.operator, keyOf(condition.claim), condition.values);
  }

  const statement: IamStatement = {
    Sid: input.sid,
    Effect: "Allow",
    Principal: { Federated: input.providerArn },
    Action: assumeRoleWithWebIdentity,
  };
  if (grouped.size > 0) {
    statement.Condition = Object.fromEntries(
      [...grouped].map(([operator, keys]) => [
        operator,
        Object.fromEntries([...keys].map(([key, values]) => [key, compact(values)])),
      ]),
    );
  }
  return statement;
}
