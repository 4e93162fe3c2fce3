import { oidcProviderKey } from "@/lib/clouds/aws/ids";
import { isRecord } from "@/lib/json/is-record";
import type { Admission, AdmissionInput } from "@/lib/federation/admission";
import { describeSubjectPattern, literalPrefix } from "@/lib/federation/describe-pattern";

// An IAM role trust statement (CLOUDS.md 2.4, 2.5): `<provider>:sub` under
// plain StringEquals pins subjects, under StringLike bounds them by pattern.
// Any other operator on sub (IfExists, ForAllValues, negations, case-folding)
// or an allowing statement without one says nothing usable here, so every
// workload of the issuer is evaluated.

function statementsOf(binding: Record<string, unknown>): unknown[] {
  let policy: unknown = binding.trustPolicy;
  if (policy === undefined && typeof binding.trustPolicyRaw === "string") {
    try {
      policy = JSON.parse(binding.trustPolicyRaw);
    } catch {
      return [];
    }
  }
  const statement = isRecord(policy) ? policy.Statement : undefined;
  return Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
}

const asStrings = (value: unknown): string[] | null => {
  const list = Array.isArray(value) ? value : [value];
  return list.every((item) => typeof item === "string") ? (list as string[]) : null;
};

/** The values one statement compares `key` with under `operator`, lower-cased key match. */
function valuesUnder(
  statement: Record<string, unknown>,
  operator: string,
  key: string,
): string[] | null {
  const block = isRecord(statement.Condition) ? statement.Condition[operator] : undefined;
  if (!isRecord(block)) return null;
  const entry = Object.entries(block).find(([name]) => name.toLowerCase() === key);
  return entry ? asStrings(entry[1]) : null;
}

export function awsAdmission({ binding, issuerLabel }: AdmissionInput): Admission {
  const record = isRecord(binding) ? binding : {};
  const providerUrl = typeof record.providerUrl === "string" ? record.providerUrl : "";
  const key = oidcProviderKey(providerUrl).toLowerCase();
  const clientIds = asStrings(record.clientIds ?? []) ?? [];
  const allows = statementsOf(record).filter(
    (statement): statement is Record<string, unknown> =>
      isRecord(statement) && statement.Effect === "Allow",
  );
  const audiences = allows.flatMap(
    (statement) => valuesUnder(statement, "StringEquals", `${key}:aud`) ?? [],
  );
  const audience =
    clientIds.find((id) => audiences.length === 0 || audiences.includes(id)) ??
    audiences[0] ??
    null;
  const exact: string[] = [];
  const patterns: string[] = [];
  for (const statement of allows) {
    const equals = valuesUnder(statement, "StringEquals", `${key}:sub`);
    const like = valuesUnder(statement, "StringLike", `${key}:sub`);
    if (!equals && !like) {
      return {
        subjects: null,
        subjectPrefixes: null,
        open: `any identity of ${issuerLabel} whose token carries an accepted audience`,
        audience,
      };
    }
    // Both blocks must hold when both are present; the exact one is the narrower.
    if (equals) exact.push(...equals);
    else if (like) patterns.push(...like);
  }
  // StringEquals compares literally: its '*' is no wildcard (CLOUDS.md 2.5).
  const wild = patterns.filter((pattern) => /[*?]/.test(pattern));
  if (wild.length === 0) {
    return { subjects: [...exact, ...patterns], subjectPrefixes: null, open: null, audience };
  }
  return {
    subjects: null,
    subjectPrefixes: [...exact, ...patterns.map(literalPrefix)],
    open: wild.map((pattern) => describeSubjectPattern(pattern, issuerLabel)).join("; "),
    audience,
  };
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
