import { oidcProviderKey } from "@/lib/clouds/aws/ids";
import { isRecord } from "@/lib/json/is-record";
import type { Admission, AdmissionInput, OtherIssuer } from "@/lib/federation/admission";
import { builtInProviders } from "@/lib/clouds/aws/match/built-in-providers";
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

/**
 * What the allowing statements let through as `sub` under `key` (a
 * provider's condition-key prefix, lower case), for tokens asked for
 * `audience`. One object, built once: an estate has one per AWS binding.
 */
function boundsOf(
  statements: Record<string, unknown>[],
  key: string,
  issuerLabel: string,
  hasVariable: (value: string) => boolean,
  audience: string | null,
): Admission {
  const subKey = `${key}:sub`;
  const exact: string[] = [];
  const patterns: string[] = [];
  for (const statement of statements) {
    const equals = valuesUnder(statement, "StringEquals", subKey);
    const like = valuesUnder(statement, "StringLike", subKey);
    // An allowing statement that pins no sub opens the binding to the whole issuer.
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

/** The audience a token for the provider would be requested for: a client id the statements accept. */
function audienceOf(statements: Record<string, unknown>[], key: string, clientIds: string[]) {
  const audKey = `${key}:aud`;
  const audiences: string[] = [];
  for (const statement of statements) {
    for (const value of valuesUnder(statement, "StringEquals", audKey) ?? []) audiences.push(value);
  }
  return (
    clientIds.find((id) => audiences.length === 0 || audiences.includes(id)) ?? audiences[0] ?? null
  );
}

/** The texts of a value that may be one text or a list: other items dropped, as the evaluator reads a Principal. */
function textsIn(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === "string");
}

/**
 * Whether a statement applies to tokens of the provider with this key: its
 * Principal names the provider's ARN (compared by its end, ignoring case: a
 * wider answer only costs time) or the built-in provider itself, or everyone.
 */
function namesProvider(statement: Record<string, unknown>, key: string): boolean {
  const principal = statement.Principal;
  if (principal === "*") return true;
  if (!isRecord(principal)) return false;
  if (textsIn(principal.AWS).includes("*")) return true;
  const arnEnd = `:oidc-provider/${key}`;
  return textsIn(principal.Federated).some((name) => {
    const lower = name.toLowerCase();
    return name === "*" || lower === key || lower.endsWith(arnEnd);
  });
}

/**
 * Whether a statement's Principal is exactly one provider ARN, the
 * binding's own (compared as IAM does, case and all): then it names no
 * other provider.
 */
function namesOnly(statement: Record<string, unknown>, exactKey: string): boolean {
  const principal = statement.Principal;
  if (!isRecord(principal) || principal.AWS !== undefined) return false;
  const federated = principal.Federated;
  return typeof federated === "string" && federated.endsWith(`:oidc-provider/${exactKey}`);
}

// A key the request lacks fails these operators (CLOUDS.md 2.4), and a
// token carries only its own provider's keys: a statement testing another
// provider's key with one of them cannot admit this provider's tokens.
const failingWhenAbsent = ["StringEquals", "StringLike"];

function testsOtherProvider(
  statement: Record<string, unknown>,
  key: string,
  providerKeys: ReadonlySet<string>,
): boolean {
  const condition = isRecord(statement.Condition) ? statement.Condition : {};
  return failingWhenAbsent.some((operator) => {
    const block = condition[operator];
    if (!isRecord(block)) return false;
    return Object.keys(block).some((name) => {
      const prefix = name.slice(0, Math.max(0, name.lastIndexOf(":"))).toLowerCase();
      return prefix !== key && providerKeys.has(prefix);
    });
  });
}

/** The account's other providers a statement of the role may admit tokens of (STS picks the provider by iss, CLOUDS.md 2.3), and the built-in ones it names. */
function otherProviders(record: Record<string, unknown>, providerUrl: string) {
  const found: { url: string; clientIds: string[] }[] = [];
  const listed = Array.isArray(record.additionalProviders) ? record.additionalProviders : [];
  for (const provider of listed) {
    const url = isRecord(provider) ? provider.providerUrl : undefined;
    if (typeof url !== "string" || url === providerUrl) continue;
    found.push({ url, clientIds: asStrings(provider.clientIds ?? []) ?? [] });
  }
  for (const key of builtInProviders) {
    const url = `https://${key}`;
    if (url !== providerUrl) found.push({ url, clientIds: [] });
  }
  return found;
}

export function awsAdmission({ binding, issuerLabel }: AdmissionInput): Admission {
  const record = isRecord(binding) ? binding : {};
  const providerUrl = typeof record.providerUrl === "string" ? record.providerUrl : "";
  const key = oidcProviderKey(providerUrl).toLowerCase();
  const clientIds = asStrings(record.clientIds ?? []) ?? [];
  const policy = policyOf(record);
  const hasVariable =
    isRecord(policy) && policy.Version === variablesVersion
      ? (value: string) => value.includes("${")
      : () => false;
  const allowing = statementsOf(policy).filter(
    (statement): statement is Record<string, unknown> =>
      isRecord(statement) && statement.Effect === "Allow",
  );
  const audience = audienceOf(allowing, key, clientIds);
  const admission = boundsOf(allowing, key, issuerLabel, hasVariable, audience);
  // Nearly every statement names the binding's own provider alone.
  const exactKey = oidcProviderKey(providerUrl);
  if (allowing.every((statement) => namesOnly(statement, exactKey))) return admission;
  const candidates = otherProviders(record, providerUrl);
  const providerKeys = new Set([
    key,
    ...candidates.map((other) => oidcProviderKey(other.url).toLowerCase()),
  ]);
  const others: OtherIssuer[] = [];
  for (const other of candidates) {
    const otherKey = oidcProviderKey(other.url).toLowerCase();
    const naming = allowing.filter(
      (statement) =>
        namesProvider(statement, otherKey) &&
        !testsOtherProvider(statement, otherKey, providerKeys),
    );
    if (naming.length === 0) continue;
    const otherAudience = audienceOf(naming, otherKey, other.clientIds);
    others.push({
      issuerUrl: other.url,
      ...boundsOf(naming, otherKey, other.url, hasVariable, otherAudience),
    });
  }
  if (others.length === 0) return admission;
  const open = [admission.open, ...others.map((other) => other.open)].filter(Boolean);
  return { ...admission, open: open.length > 0 ? open.join("; ") : null, others };
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
