import type { Finding, Findings } from "@/lib/catalog/findings";
import { broadSubjectPattern, hasWildcard, type BroadPatternKind } from "@/lib/federation/wildcard";
import type { RiskRuleId } from "@/lib/risk/rule-ids";

export { matchesWildcard } from "@/lib/federation/wildcard";

// Flexible federated identity credentials, claimsMatchingExpression language
// version 1 (CLOUDS.md 1.6, Entra "flexible federated identity credentials"):
//   term := claims['<name>'] <op> '<value>'   with exactly one space either side of <op>
//   op   := matches | eq
//   expr := term (' and ' term)*
// Single quotes are escaped by doubling them. No `or`, no negation, no
// parentheses, no regex.

export type FicExpressionTerm = { claim: string; operator: "matches" | "eq"; value: string };
export type FicExpressionParse =
  { ok: true; terms: FicExpressionTerm[] } | { ok: false; message: string; index: number };

class ExpressionError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

function shorten(text: string, max = 20): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Parses an expression. `index` is the 0-based offset of the problem (for a
 * caret under the field); messages count characters from 1, like an editor.
 */
export function parseFicExpression(text: string): FicExpressionParse {
  let pos = 0;
  const fail = (message: string, index = pos): never => {
    throw new ExpressionError(message, index);
  };
  const at = (index: number) => (index >= text.length ? "at the end" : `at position ${index + 1}`);

  function readQuoted(): string {
    const start = pos;
    let out = "";
    pos += 1;
    for (;;) {
      const character = text[pos];
      if (character === undefined)
        return fail(`unterminated quote starting at position ${start + 1}`, start);
      if (character === "'") {
        if (text[pos + 1] !== "'") {
          pos += 1;
          return out;
        }
        pos += 1; // '' stands for one quote
      }
      out += character;
      pos += 1;
    }
  }

  function expectOneSpace(where: string) {
    if (text[pos] !== " ") fail(`expected one space ${where} ${at(pos)}`);
    pos += 1;
    if (text[pos] === " ")
      fail(`extra space at position ${pos + 1}; use exactly one space ${where}`);
  }

  function readTerm(): FicExpressionTerm {
    const rest = text.slice(pos);
    if (/^not[\s(]/i.test(rest) || rest.startsWith("!")) fail("'not' is not supported");
    if (rest.startsWith("(")) fail("parentheses are not supported");
    if (!rest.startsWith("claims[")) fail(`expected claims['<name>'] ${at(pos)}`);
    pos += "claims[".length;
    if (text[pos] !== "'") fail(`expected a claim name in single quotes ${at(pos)}`);
    const nameAt = pos;
    const claim = readQuoted();
    if (claim === "") fail(`empty claim name at position ${nameAt + 1}`, nameAt);
    if (text[pos] !== "]") fail(`expected ']' after the claim name ${at(pos)}`);
    pos += 1;
    expectOneSpace("before the operator");
    const operatorAt = pos;
    while (pos < text.length && text[pos] !== " " && text[pos] !== "'") pos += 1;
    const operator = text.slice(operatorAt, pos);
    if (operator === "") fail(`expected matches or eq ${at(operatorAt)}`, operatorAt);
    if (operator.toLowerCase() === "not") fail("'not' is not supported", operatorAt);
    if (operator !== "matches" && operator !== "eq") {
      fail(`unknown operator '${shorten(operator)}'; use matches or eq`, operatorAt);
    }
    expectOneSpace("after the operator");
    if (text[pos] !== "'") fail(`expected a value in single quotes ${at(pos)}`);
    const value = readQuoted();
    return { claim, operator: operator as FicExpressionTerm["operator"], value };
  }

  try {
    if (text.trim() === "")
      fail("the expression is empty; write a term such as claims['sub'] eq '…'", 0);
    const terms = [readTerm()];
    while (pos < text.length) {
      const rest = text.slice(pos);
      if (rest.startsWith(" and ")) {
        pos += " and ".length;
        terms.push(readTerm());
        continue;
      }
      if (/^ or /i.test(rest)) fail("'or' is not supported", pos + 1);
      if (/^ and /i.test(rest)) fail(`write 'and' in lower case at position ${pos + 2}`, pos + 1);
      if (rest.startsWith(")")) fail("parentheses are not supported");
      fail(`expected ' and ' or the end at position ${pos + 1}`);
    }
    return { ok: true, terms };
  } catch (error) {
    if (error instanceof ExpressionError)
      return { ok: false, message: error.message, index: error.index };
    throw error;
  }
}

export type FlexibleIssuer = { label: string; claims: readonly string[] };

// CLOUDS.md 1.6, "allowed issuers and claims" [verified].
export function documentedIssuer(issuerUrl: string): FlexibleIssuer | undefined {
  if (issuerUrl === "https://token.actions.githubusercontent.com") {
    return { label: "GitHub Actions", claims: ["sub", "job_workflow_ref"] };
  }
  if (
    issuerUrl === "https://gitlab.com" ||
    /^https:\/\/gitlab\.[a-z0-9.-]+\.(com|ca)$/.test(issuerUrl)
  ) {
    return { label: "GitLab", claims: ["sub"] };
  }
  if (issuerUrl === "https://app.terraform.io" || issuerUrl === "https://app.eu.terraform.io") {
    return { label: "HCP Terraform", claims: ["sub"] };
  }
  return undefined;
}

/**
 * How far an expression reaches beyond one workload (CLOUDS.md 1.6, 5.6):
 * terms are joined by `and`, so one narrow term on sub keeps it narrow; no
 * term on sub at all admits every workload whose other claims match. The
 * evaluator's broad reason and the catalogue's warning both come from here.
 */
export function expressionBreadth(
  terms: FicExpressionTerm[],
): { kind: "no-subject" } | { kind: BroadPatternKind; value: string; reason: string } | undefined {
  const subjectTerms = terms.filter((term) => term.claim === "sub");
  if (subjectTerms.length === 0) return { kind: "no-subject" };
  const broad = subjectTerms.map((term) =>
    term.operator === "matches" ? broadSubjectPattern(term.value) : undefined,
  );
  const [first] = broad;
  const [firstTerm] = subjectTerms;
  if (!first || !firstTerm || broad.some((pattern) => pattern === undefined)) return undefined;
  return { kind: first.kind, value: firstTerm.value, reason: first.reason };
}

const broadSubjectRules: Record<BroadPatternKind, RiskRuleId> = {
  "any-owner": "azure-flexible-broad",
  "owner-wide": "azure-flexible-broad",
  "any-context": "azure-flexible-any-context",
  "run-phase": "tfc-run-phase-wildcard",
};

type TermWarning = { message: string; rule?: RiskRuleId };

function termWarnings(term: FicExpressionTerm, issuer: FlexibleIssuer | undefined): TermWarning[] {
  const warnings: TermWarning[] = [];
  if (issuer && !issuer.claims.includes(term.claim)) {
    warnings.push({
      message: `Entra documents only ${issuer.claims.join(" and ")} for ${issuer.label} tokens; a term on '${shorten(term.claim, 40)}' may be refused.`,
    });
  }
  if (term.operator === "eq" && hasWildcard(term.value)) {
    warnings.push({
      message:
        "eq compares exactly, so '*' and '?' match only themselves; use matches for a pattern.",
    });
  }
  return warnings;
}

/**
 * What Entra would refuse (errors) and what is risky or undocumented
 * (warnings) in a claimsMatchingExpression. Paths are relative to the
 * claimsMatchingExpression object: `value` and `languageVersion`.
 */
export function ficExpressionFindings(
  value: string,
  languageVersion: number,
  issuerUrl: string,
): Findings {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  // CLOUDS.md 1.6: languageVersion 1 is the only version documented.
  if (languageVersion !== 1) {
    errors.push({
      path: "languageVersion",
      message: "must be 1, the only language version Entra documents",
    });
  }
  const parsed = parseFicExpression(value);
  if (!parsed.ok) {
    errors.push({ path: "value", message: parsed.message });
    return { errors, warnings };
  }
  const issuer = documentedIssuer(issuerUrl);
  if (!issuer) {
    warnings.push({
      path: "value",
      message:
        "Entra documents flexible credentials only for GitHub Actions, GitLab and HCP Terraform issuers; it may refuse this issuer.",
    });
  }
  // CLOUDS.md 5.6: flexible FICs bring claims['sub'] matches 'repo:org/*'-style breadth.
  const breadth = expressionBreadth(parsed.terms);
  if (breadth?.kind === "no-subject") {
    warnings.push({
      path: "value",
      message:
        "The expression does not constrain sub, so any workload of this issuer whose other claims match is admitted (for GitHub, any repository calling the same reusable workflow).",
      rule: "azure-flexible-broad",
    });
  } else if (breadth) {
    warnings.push({
      path: "value",
      message: `This pattern ${breadth.reason}.`,
      rule: broadSubjectRules[breadth.kind],
    });
  }
  const seen = new Set<string>();
  for (const warning of parsed.terms.flatMap((term) => termWarnings(term, issuer))) {
    if (seen.has(warning.message)) continue;
    seen.add(warning.message);
    warnings.push({ path: "value", ...warning });
  }
  return { errors, warnings };
}
