import type { Finding, Findings } from "@/lib/catalog/findings";
import {
  parseFicExpression,
  shorten,
  type FicExpressionTerm,
} from "@/lib/clouds/azure/fic-expression-parse";
import { broadSubjectPattern, hasWildcard, type BroadPatternKind } from "@/lib/federation/wildcard";
import type { RiskRuleId } from "@/lib/risk/rule-ids";

export { matchesWildcard } from "@/lib/federation/wildcard";

export {
  parseFicExpression,
  type FicExpressionParse,
  type FicExpressionTerm,
} from "@/lib/clouds/azure/fic-expression-parse";

export type FlexibleIssuer = { label: string; claims: readonly string[] };

// CLOUDS.md 1.6, "allowed issuers and claims" [verified]. Asked on every
// evaluation of a flexible credential: the answers are shared, not to be changed.
const githubActions: FlexibleIssuer = {
  label: "GitHub Actions",
  claims: ["sub", "job_workflow_ref"],
};
const gitlab: FlexibleIssuer = { label: "GitLab", claims: ["sub"] };
const hcpTerraform: FlexibleIssuer = { label: "HCP Terraform", claims: ["sub"] };

export function documentedIssuer(issuerUrl: string): FlexibleIssuer | undefined {
  if (issuerUrl === "https://token.actions.githubusercontent.com") return githubActions;
  if (
    issuerUrl === "https://gitlab.com" ||
    /^https:\/\/gitlab\.[a-z0-9.-]+\.(com|ca)$/.test(issuerUrl)
  ) {
    return gitlab;
  }
  if (issuerUrl === "https://app.terraform.io" || issuerUrl === "https://app.eu.terraform.io") {
    return hcpTerraform;
  }
  return undefined;
}

/**
 * How far an expression reaches beyond one workload (CLOUDS.md 1.6, 5.6):
 * terms are joined by `and`, so one narrow term on sub keeps it narrow; no
 * term on sub at all admits every workload whose other claims match. The
 * evaluator's broad reason and the catalogue's warning both come from here.
 */
export function expressionBreadth(terms: FicExpressionTerm[]): Breadth {
  // Asked on every evaluation that a flexible credential admits; terms come
  // from the parse memo, so the answer is kept with them. Shared: do not change.
  if (breadths.has(terms)) return breadths.get(terms);
  const breadth = readBreadth(terms);
  breadths.set(terms, breadth);
  return breadth;
}

type Breadth =
  { kind: "no-subject" } | { kind: BroadPatternKind; value: string; reason: string } | undefined;

const breadths = new WeakMap<FicExpressionTerm[], Breadth>();

function readBreadth(terms: FicExpressionTerm[]): Breadth {
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
