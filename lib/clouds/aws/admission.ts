import { oidcProviderKey } from "@/lib/clouds/aws/ids";
import { isRecord } from "@/lib/json/is-record";
import type { Admission, AdmissionInput } from "@/lib/federation/admission";
import { describeSubjectPattern, literalPrefix } from "@/lib/federation/describe-pattern";
import { hasWildcard } from "@/lib/federation/wildcard";
import { variablesVersion } from "@/lib/clouds/aws/match/policy-variables";

// An IAM role trust statement (CLOUDS.md 2.4, 2.5): `<provider>:sub` under
// plain StringEquals pins subjects, under StringLike bounds them by pattern.
// Any other operator on sub (IfExists, ForAllValues, negations, case-folding)
// or an allowing statement without one says nothing usable here, so every
// workload of the issuer is evaluated.

function policyOf(binding: Record<string, unknown>): unknown {
  if (binding.trustPolicy !== undefined || typeof binding.trustPolicyRaw !== "string") {
    return binding.trustPolicy;
  }
  try {
    return JSON.parse(binding.trustPolicyRaw);
  } catch {
    return undefined;
  }
}

function statementsOf(policy: unknown): unknown[] {
  const statement = isRecord(policy) ? policy.Statement : undefined;
  return Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
}

/** A string, or a list of only strings, as a list; null for anything else. */
function asStrings(value: unknown): string[] | null {
  if (!Array.isArray(value)) return typeof value === "string" ? [value] : null;
  for (const item of value) if (typeof item !== "string") return null;
  return value as string[];
}

/** The values one statement compares `key` (lower case) with under `operator`: the first key that matches, ignoring case. */
function valuesUnder(
  statement: Record<string, unknown>,
  operator: string,
  key: string,
): string[] | null {
  const block = isRecord(statement.Condition) ? statement.Condition[operator] : undefined;
  if (!isRecord(block)) return null;
  for (const name of Object.keys(block)) {
    if (name === key || name.toLowerCase() === key) return asStrings(block[name]);
  }
  return null;
}

export function awsAdmission({ binding, issuerLabel }: AdmissionInput): Admission {
  const record = isRecord(binding) ? binding : {};
  const providerUrl = typeof record.providerUrl === "string" ? record.providerUrl : "";
  const key = oidcProviderKey(providerUrl).toLowerCase();
  const audKey = `${key}:aud`;
  const subKey = `${key}:sub`;
  const clientIds = asStrings(record.clientIds ?? []) ?? [];
  const audiences: string[] = [];
  const exact: string[] = [];
  const patterns: string[] = [];
  // An allowing statement that pins no sub opens the binding to the whole issuer.
  let open = false;
  const policy = policyOf(record);
  const hasVariable =
    isRecord(policy) && policy.Version === variablesVersion
      ? (value: string) => value.includes("${")
      : () => false;
  for (const statement of statementsOf(policy)) {
    if (!isRecord(statement) || statement.Effect !== "Allow") continue;
    for (const value of valuesUnder(statement, "StringEquals", audKey) ?? []) audiences.push(value);
    if (open) continue;
    const equals = valuesUnder(statement, "StringEquals", subKey);
    const like = valuesUnder(statement, "StringLike", subKey);
    if (!equals && !like) open = true;
    // Both blocks must hold when both are present; the exact one is the narrower.
    else if (equals) exact.push(...equals);
    else if (like) patterns.push(...like);
  }
  const audience =
    clientIds.find((id) => audiences.length === 0 || audiences.includes(id)) ??
    audiences[0] ??
    null;
  if (open) {
    return {
      subjects: null,
      subjectPrefixes: null,
      open: `any identity of ${issuerLabel} whose token carries an accepted audience`,
      audience,
    };
  }
  // StringEquals compares literally: its '*' is no wildcard (CLOUDS.md 2.5).
  const wild = patterns.filter(hasWildcard);
  const varied = [...exact, ...patterns].filter(hasVariable);
  if (wild.length === 0 && varied.length === 0) {
    return { subjects: [...exact, ...patterns], subjectPrefixes: null, open: null, audience };
  }
  return {
    subjects: null,
    subjectPrefixes: [
      ...exact.map((value) => (hasVariable(value) ? beforeVariable(value) : value)),
      ...patterns.map((pattern) =>
        literalPrefix(hasVariable(pattern) ? beforeVariable(pattern) : pattern),
      ),
    ],
    open: [
      ...wild
        .filter((pattern) => !hasVariable(pattern))
        .map((pattern) => describeSubjectPattern(pattern, issuerLabel)),
      ...varied.map(
        (value) =>
          `any identity of ${issuerLabel} whose sub is ${value} with the token's own values put in`,
      ),
    ].join("; "),
    audience,
  };
}

// Under the policy version that has them, a policy variable (${…}) is
// filled in from the request (match/policy-variables.ts): it can stand for
// any text, so only what comes before the first one bounds the subject. The
// literal escapes ${*}, ${?} and ${$} are cut too, which only widens the
// bound.
function beforeVariable(value: string): string {
  return value.slice(0, value.indexOf("${"));
}

/**
 * Whether other statements of the role can refuse a token this one admits:
 * an AWS trust policy is one document, where a Deny statement wins (CLOUDS.md
 * 2.6), and a statement that cannot be read may be one.
 */
export function awsSiblingsMayRefuse(siblingSpecs: unknown[]): boolean {
  return siblingSpecs.some((spec) => {
    let statement: unknown = isRecord(spec) ? spec.statement : undefined;
    if (typeof statement === "string") {
      try {
        statement = JSON.parse(statement);
      } catch {
        return true;
      }
    }
    return !isRecord(statement) || statement.Effect !== "Allow";
  });
}
